/**
 * The code fields through Grafana's real CodeEditor over the recording Monaco stand-in
 * (src/__mocks__/monaco): what is registered, the markers, the completion context fed by the data
 * source's look-ups and the dashboard's variables, commits on blur only, Gnocchi's error on its field.
 */
import React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { LoadingState, PanelData } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';

import { mounted } from '../../../__mocks__/monaco/react';
import { registry } from '../../../__mocks__/monaco/monaco';
import { HostTemplateSrv } from '../../../testing/grafanaTemplateSrv';
import type { GnocchiQuery } from '../../../types';
import { selectors } from '../../selectors';
import { MODE_FIELDS } from '../modes';
import type { LookupsLike } from './context';

const S = selectors.queryEditor;

function lookups(): jest.Mocked<LookupsLike> {
  return {
    attributes: jest.fn(async (_type: string) => ['id', 'flavor_name', 'host']),
    metricNames: jest.fn(async (_type: string) => ['cpu', 'memory.usage']),
    aggregationMethods: jest.fn(async () => ['mean', 'rate:mean']),
    attributeValues: jest.fn(async (_t: string, _a: string, prefix = '') =>
      ['m1.small', 'm1.large'].filter((v) => v.startsWith(prefix))
    ),
  };
}

function setup(query: GnocchiQuery, data?: PanelData) {
  const onCommit = jest.fn();
  const ds = { lookups: lookups() };
  const Fields = MODE_FIELDS[query.queryMode ?? 'resource_search'];
  render(<Fields query={Object.freeze(query)} onCommit={onCommit} datasource={ds} data={data} />);
  return { onCommit, ds };
}

async function complete(label: string, language: string, text: string) {
  const { model } = mounted[label];
  act(() => model.setValue(text));
  const end = model.getPositionAt(text.length);
  const out = await registry.completion[language].provideCompletionItems(model, end);
  return out.suggestions.map((s: { label: string }) => s.label);
}

beforeAll(() => {
  setTemplateSrv(
    new HostTemplateSrv([{ name: 'host', multi: false, options: ['cmp-01'], current: 'cmp-01' }]) as never
  );
});

const query: GnocchiQuery = {
  refId: 'A',
  queryMode: 'dynamic_aggregates',
  resource_type: 'instance',
  operations: '(aggregate mean (metric cpu rate:mean))',
  resource_search: "flavor_name = 'm1.small'",
};

describe('code fields', () => {
  it('register both languages with Monaco, once for every field', async () => {
    setup(query);
    await screen.findByLabelText(S.operations);
    await screen.findByLabelText(S.search);
    expect(registry.languages).toEqual(['gnocchi-operations', 'gnocchi-search']);
    expect(Object.keys(registry.completion).sort()).toEqual(['gnocchi-operations', 'gnocchi-search']);
    expect(Object.keys(registry.tokens).sort()).toEqual(['gnocchi-operations', 'gnocchi-search']);
  });

  it('complete metric names of the resource type, aggregation methods and variables', async () => {
    const { ds } = setup(query);
    await screen.findByLabelText(S.operations);
    expect(await complete(S.operations, 'gnocchi-operations', '(aggregate mean (metric me')).toEqual(['memory.usage']);
    expect(ds.lookups.metricNames).toHaveBeenCalledWith('instance');
    expect(await complete(S.operations, 'gnocchi-operations', '(aggregate mean (metric cpu ra')).toEqual(['rate:mean']);
    expect(await complete(S.operations, 'gnocchi-operations', '(aggregate mean (metric $h')).toEqual(['$host']);
    expect(await complete(S.operations, 'gnocchi-operations', '(agg')).toEqual(['aggregate']);
  });

  it('complete attributes, and values searched on the server with what is typed', async () => {
    const { ds } = setup(query);
    await screen.findByLabelText(S.search);
    expect(await complete(S.search, 'gnocchi-search', 'fla')).toEqual(['flavor_name']);
    expect(ds.lookups.attributes).toHaveBeenCalledWith('instance');
    const values = await complete(S.search, 'gnocchi-search', "flavor_name = 'm1.l");
    expect(values).toEqual(['m1.large']);
    expect(ds.lookups.attributeValues).toHaveBeenCalledWith('instance', 'flavor_name', 'm1.l');
  });

  it('a look-up that fails leaves completion of the language itself', async () => {
    const { ds } = setup(query);
    ds.lookups.metricNames.mockRejectedValue(new Error('down'));
    await screen.findByLabelText(S.operations);
    expect(await complete(S.operations, 'gnocchi-operations', '(metric cpu me')).toEqual(['mean']);
  });

  it('commit on blur only, and on Shift+Enter', async () => {
    const { onCommit } = setup(query);
    const ops = await screen.findByLabelText(S.operations);
    fireEvent.change(ops, { target: { value: '(aggregate max (metric cpu rate:mean))' } });
    expect(onCommit).not.toHaveBeenCalled();
    fireEvent.blur(ops);
    expect(onCommit).toHaveBeenCalledWith({ operations: '(aggregate max (metric cpu rate:mean))' });
    const [, run] = mounted[S.operations].commands[0];
    fireEvent.change(ops, { target: { value: '(metric cpu mean)' } });
    run();
    expect(onCommit).toHaveBeenLastCalledWith({ operations: '(metric cpu mean)' });
  });

  it("show Gnocchi's error under the field it concerns", async () => {
    const data = {
      state: LoadingState.Error,
      series: [],
      errors: [
        {
          refId: 'A',
          status: 400,
          message:
            "Gnocchi 400 Bad Request: {'cause': 'Metrics not found', 'detail': {'cpu'}}. (POST http://g/v1/aggregates)",
        },
      ],
    } as unknown as PanelData;
    setup(query, data);
    await waitFor(() => expect(screen.getByText(/Metrics not found/)).toBeInTheDocument());
    expect(screen.getAllByText(/Metrics not found/)).toHaveLength(1);
  });

  it('blank operations are incomplete, not malformed: no marker, no message', async () => {
    setup({ ...query, operations: '' });
    const ops = await screen.findByLabelText(S.operations);
    expect(mounted[S.operations].model.markers['gnocchi-operations']).toEqual([]);
    expect(ops).not.toHaveAttribute('aria-invalid');
  });
});
