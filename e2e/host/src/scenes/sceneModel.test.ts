import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataTopic, FieldType, toDataFrame } from '@grafana/data';

import { annotationEvents } from './annotations';
import { sceneAnnotations, sceneRange, sceneVariables, toSceneModel } from './sceneModel';

const FALLBACK = { from: 'now-6h', to: 'now' };

describe('toSceneModel', () => {
  it('the provisioned demo dashboard: panels in layout order, every variable kind, the lifecycle layer', () => {
    const demo = JSON.parse(
      readFileSync(join(__dirname, '../../../../provisioning/dashboards/gnocchi-demo.json'), 'utf8')
    );
    const m = toSceneModel(demo, FALLBACK);
    expect(m.title).toBe('Gnocchi demo');
    expect(m.time).toEqual({ from: 'now-6h', to: 'now' });
    expect(m.panels.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(m.variables.map((v) => [v.name, v.kind])).toEqual([
      ['hosts', 'query'],
      ['flavors', 'query'],
      ['web_metric', 'query'],
      ['granularity', 'query'],
      ['web01_cpu', 'query'],
      ['Filters', 'adhoc'],
    ]);
    // a 1.x string stays as it was saved (the plugin runs it; its editor shows it migrated)
    expect(m.variables[0]).toMatchObject({
      query: 'resources(demo_host, name)',
      multi: true,
      value: ['compute-1', 'compute-2'],
    });
    expect(m.variables[4]).toMatchObject({ hide: 2 });
    expect(m.annotations).toHaveLength(1);
    expect(m.annotations[0]).toMatchObject({
      name: 'Instance lifecycle',
      enable: true,
      target: { queryType: 'lifecycle' },
    });
    expect(m.unsupported).toEqual([]);
  });

  it('custom, constant, text box and interval variables; selected options when there is no current; unknown types named', () => {
    const { variables, unsupported } = sceneVariables({
      templating: {
        list: [
          { name: 'c', type: 'custom', query: 'a,b', multi: true, options: [{ value: 'b', selected: true }] },
          { name: 'k', type: 'constant', query: 'v' },
          { name: 't', type: 'textbox', query: 'x', current: { value: 'y' } },
          { name: 'i', type: 'interval', query: '1m, 5m' },
          { name: 'd', type: 'datasource' },
          { type: 'query' },
        ],
      } as any,
    });
    expect(variables).toEqual([
      { name: 'c', hide: 0, kind: 'custom', query: 'a,b', multi: true, includeAll: false, value: ['b'], text: ['b'] },
      { name: 'k', hide: 0, kind: 'constant', value: 'v' },
      { name: 't', hide: 0, kind: 'textbox', value: 'y' },
      { name: 'i', hide: 0, kind: 'interval', intervals: ['1m', '5m'], value: '1m' },
    ]);
    expect(unsupported).toEqual(['$d (datasource)']);
  });

  it("leaves Grafana's built-in annotation layer out", () => {
    const list = [
      { builtIn: 1, name: 'Annotations & Alerts', datasource: { uid: '-- Grafana --' } },
      { name: 'x', datasource: { uid: 'g' }, enable: false, target: { refId: 'Anno' } },
    ];
    expect(sceneAnnotations({ annotations: { list } } as any)).toEqual([
      { name: 'x', datasource: { uid: 'g' }, enable: false, iconColor: 'orange', target: { refId: 'Anno' } },
    ]);
  });

  it('refuses what is not a dashboard; reads an API answer; epoch ms bounds become ISO', () => {
    expect(() => toSceneModel({ title: 'x' }, FALLBACK)).toThrow(/not a dashboard/);
    expect(toSceneModel({ dashboard: { title: 'API', panels: [] } }, FALLBACK)).toMatchObject({
      title: 'API',
      time: FALLBACK,
    });
    expect(sceneRange({ from: '0', to: 'now' })).toEqual({ from: '1970-01-01T00:00:00.000Z', to: 'now' });
  });
});

describe('annotationEvents', () => {
  it('reads the events of annotation frames (points and regions, tags as lists)', () => {
    const frame = toDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [2000, 1000] },
        { name: 'timeEnd', type: FieldType.time, values: [2000, 1500] },
        { name: 'title', type: FieldType.string, values: ['b', 'a'] },
        { name: 'text', type: FieldType.string, values: ['tb', 'ta'] },
        { name: 'tags', type: FieldType.other, values: [['x', 'y'], 'p,q'] },
        { name: 'color', type: FieldType.string, values: ['red', 'blue'] },
      ],
    });
    frame.meta = { dataTopic: DataTopic.Annotations };
    expect(annotationEvents([frame])).toEqual([
      { time: 1000, timeEnd: 1500, title: 'a', text: 'ta', tags: ['p', 'q'], color: 'blue' },
      { time: 2000, title: 'b', text: 'tb', tags: ['x', 'y'], color: 'red' },
    ]);
    expect(annotationEvents(undefined)).toEqual([]);
  });
});
