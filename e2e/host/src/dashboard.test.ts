import { readdirSync } from 'node:fs';

import { dashboardPanels, dashboardVariables, panelHeight, toDashboardModel, variableQueries } from './dashboard';
import { FIXTURES, loadDashboard, panelsOf } from '../../../tests/integration/dashboards';

const target = (refId = 'A') => ({ refId, queryMode: 'metric' });

describe('dashboardPanels', () => {
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.json')))(
    '%s: the panels panelsOf walks, in the same order',
    (file) => {
      const d = loadDashboard(file);
      expect(dashboardPanels(d as never).map((p) => p.title)).toEqual(panelsOf(d).map((p) => p.title));
    }
  );

  it('schema 14 rows: width from span (12 columns), height from the row, row titles', () => {
    const panels = dashboardPanels({
      rows: [
        { title: 'Hosts', height: '300px', panels: [{ title: 'a', span: 6, targets: [target()] }, { title: 'text' }] },
        { title: 'VMs', panels: [{ title: 'b', targets: [target()] }] },
      ],
    });
    expect(panels).toEqual([
      { title: 'a', row: 'Hosts', targets: [target()], width: 0.5, height: 300 },
      { title: 'b', row: 'VMs', targets: [target()], width: 1, height: 250 },
    ]);
  });

  it('gridPos layout: 24 columns, 30 px cells with 8 px margins; rows title what follows, collapsed rows their own', () => {
    const panels = dashboardPanels({
      panels: [
        { title: 'top', gridPos: { w: 12, h: 8 }, targets: [target()] },
        { type: 'row', title: 'Open row', panels: [] },
        { title: 'under', gridPos: { w: 24, h: 4 }, targets: [target()] },
        { type: 'row', title: 'Closed', panels: [{ title: 'nested', gridPos: { w: 6, h: 8 }, targets: [target()] }] },
      ],
    });
    expect(panels.map((p) => [p.title, p.row, p.width, p.height])).toEqual([
      ['top', undefined, 0.5, 8 * 30 + 7 * 8],
      ['under', 'Open row', 1, panelHeight(4)],
      ['nested', 'Closed', 0.25, panelHeight(8)],
    ]);
  });
});

describe('dashboardVariables', () => {
  it('saved values; constants their query; options saved or the current values', () => {
    expect(
      dashboardVariables({
        templating: {
          list: [
            { name: 'hosts', type: 'query', multi: true, current: { value: ['c1', 'c3'] } },
            { name: 'one', type: 'query', multi: true, current: { value: 'c2' } },
            { name: 'vm', type: 'query', label: 'VM', current: { value: 'id-2' }, options: [{ value: 'id-1' }] },
            { name: 'id', type: 'constant', query: 'abc' },
            { name: 'filters', type: 'adhoc' },
            { name: 'empty', type: 'custom' },
          ],
        },
      })
    ).toEqual([
      { name: 'hosts', multi: true, options: ['c1', 'c3'], current: ['c1', 'c3'] },
      { name: 'one', multi: true, options: ['c2'], current: ['c2'] },
      { name: 'vm', label: 'VM', multi: false, options: ['id-1', 'id-2'], current: 'id-2' },
      { name: 'id', multi: false, options: ['abc'], current: 'abc' },
      { name: 'empty', multi: false, options: [], current: '' },
    ]);
  });

  it('`All` stands for every saved option', () => {
    const [v] = dashboardVariables({
      templating: {
        list: [
          {
            name: 'h',
            multi: true,
            current: { value: ['$__all'] },
            options: [{ value: '$__all' }, { value: 'a' }, { value: 'b' }],
          },
        ],
      },
    });
    expect(v).toMatchObject({ options: ['a', 'b'], current: ['a', 'b'] });
  });
});

describe('variableQueries', () => {
  it('the queries of query variables, in order', () => {
    expect(
      variableQueries({
        templating: {
          list: [
            { name: 'a', type: 'query', query: 'resources(x, name)' },
            { name: 'c', type: 'constant', query: 'k' },
            { name: 'b', type: 'query', query: { query: 'metrics($a)', refId: 'V' } },
            { name: 'e', type: 'query', query: '' },
          ],
        },
      })
    ).toEqual([
      { name: 'a', query: 'resources(x, name)' },
      { name: 'b', query: { query: 'metrics($a)', refId: 'V' } },
    ]);
  });
});

describe('toDashboardModel', () => {
  it('title, panels, variables and the saved time range; an API answer {dashboard} too', () => {
    const d = {
      title: 'Cloud',
      time: { from: 'now-3h', to: 'now' },
      panels: [{ title: 'p', targets: [target()] }],
      templating: { list: [{ name: 'x', current: { value: 'v' } }] },
    };
    const model = toDashboardModel(d);
    expect(model).toMatchObject({ title: 'Cloud', range: { from: 'now-3h', to: 'now' } });
    expect(model.panels.map((p) => p.title)).toEqual(['p']);
    expect(model.vars.map((v) => v.current)).toEqual(['v']);
    expect(toDashboardModel({ meta: {}, dashboard: d })).toEqual(model);
    expect(toDashboardModel({ rows: [] })).toEqual({ title: 'Dashboard', panels: [], vars: [], queries: [] });
  });

  it.each([[null], [[1]], ['text'], [{ title: 'no panels' }], [{ dashboard: 1 }]])('refuses %j readably', (v) => {
    expect(() => toDashboardModel(v)).toThrow('it is not a dashboard: a dashboard JSON has a "panels"');
  });
});
