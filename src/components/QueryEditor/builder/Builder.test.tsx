import React from 'react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';

import { recordingClient } from '../../../__mocks__/client';
import { response } from '../../../__mocks__/transport';
import { LookupApi } from '../../../api/resources';
import type { HttpRequest } from '../../../http/transport';
import { DEFAULT_QUERY } from '../../../query/defaults';
import type { GnocchiQuery } from '../../../types';
import { selectors } from '../../selectors';
import { QueryEditor } from '../index';

jest.setTimeout(90_000);

// jsdom has no IntersectionObserver (used by @grafana/ui's pickers).
beforeAll(() => {
  class Observer {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  }
  Object.assign(window, { IntersectionObserver: Observer });
  // The pickers' option lists are virtualized: give elements a size so that options render.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, value: 400 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, value: 400 });
});

const S = selectors.queryEditor;
const B = S.builder;

const POLICY = {
  name: 'ceilometer-low-rate',
  aggregation_methods: ['mean', 'rate:mean'],
  definition: [{ granularity: '0:05:00', timespan: '30 days, 0:00:00', points: 8640 }],
};

/** A Gnocchi answering the look-ups of the seeded cloud. */
function gnocchi(req: HttpRequest) {
  const url = new URL(req.url);
  if (url.pathname === '/v1/resource_type') {
    return response(200, [{ name: 'generic' }, { name: 'instance' }, { name: 'instance_network_interface' }]);
  }
  if (url.pathname === '/v1/resource_type/instance') {
    return response(200, { name: 'instance', attributes: { flavor_name: {}, host: {}, display_name: {} } });
  }
  if (url.pathname === '/v1/metric') {
    return response(200, [{ id: 'm1', name: url.searchParams.get('name'), archive_policy: POLICY }]);
  }
  if (url.pathname === '/v1/search/resource/instance') {
    const attr = url.searchParams.getAll('attrs')[1];
    if (attr === 'metrics') {
      return response(200, [{ id: 'a', metrics: { cpu: '1', 'memory.usage': '2' } }]);
    }
    return response(200, [
      { id: 'a', [attr]: 'm1.small' },
      { id: 'b', [attr]: 'm1.large' },
    ]);
  }
  return response(404, 'not found');
}

function setup(query: GnocchiQuery) {
  const r = recordingClient(gnocchi);
  const lookups = new LookupApi(r.client);
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  let current = Object.freeze({ ...query });
  const ui = (q: GnocchiQuery) => (
    <QueryEditor query={q} onChange={onChange} onRunQuery={onRunQuery} datasource={{ lookups } as never} />
  );
  const view = render(ui(current));
  // Grafana passes the committed query back.
  onChange.mockImplementation((q: GnocchiQuery) => {
    current = Object.freeze({ ...q });
    view.rerender(ui(current));
  });
  const paths = () => r.requests.map((x) => new URL(x.url).pathname + new URL(x.url).search);
  return { onChange, onRunQuery, requests: r.requests, paths, last: () => current };
}

/** Opens a picker and picks the option named `name`. */
async function pick(label: string, name: string) {
  const input = await screen.findByLabelText(label);
  await act(async () => {
    fireEvent.click(input);
  });
  fireEvent.click(
    await screen.findByRole('option', { name: new RegExp(`^${name.replace(/[.$*+/()]/g, '\\$&')}(\\s|$)`) })
  );
}

describe('the dynamic-aggregates builder', () => {
  it('a new query opens in the builder; each step looks up once and commits the exact query', async () => {
    const { onChange, onRunQuery, paths } = setup({ refId: 'A', ...DEFAULT_QUERY });
    expect(await screen.findByLabelText(S.resourceType)).toHaveValue('generic');
    expect(screen.queryByLabelText(S.operations)).toBeNull();

    await pick(S.resourceType, 'instance');
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ resource_type: 'instance', operations: '' }));
    expect(onRunQuery).not.toHaveBeenCalled();

    fireEvent.click(screen.getByLabelText(B.addCondition));
    await pick(`${B.conditionAttribute} 1`, 'flavor_name');
    await pick(`${B.conditionValue} 1`, 'm1.small');
    expect(screen.getByLabelText(B.filterText)).toHaveTextContent("flavor_name = 'm1.small'");
    expect(onRunQuery).not.toHaveBeenCalled();

    await pick(B.metric, 'cpu');
    await waitFor(() => expect(onRunQuery).toHaveBeenCalledTimes(1));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ operations: '(metric cpu mean)' }));
    await pick(B.aggregation, 'rate:mean');
    await pick(B.crossAggregation, 'mean');
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'A',
      ...DEFAULT_QUERY,
      resource_type: 'instance',
      resource_search: "flavor_name = 'm1.small'",
      operations: '(aggregate mean (metric cpu rate:mean))',
      groupby: '',
      granularity: '',
      label: '',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(3);
    expect(paths()).toEqual([
      '/v1/resource_type',
      '/v1/resource_type/instance',
      '/v1/search/resource/instance?limit=1000&attrs=id&attrs=flavor_name',
      '/v1/search/resource/instance?limit=1000&attrs=id&attrs=metrics&filter=flavor_name%20%3D%20%27m1.small%27',
      '/v1/metric?name=cpu&limit=1',
    ]);
  });

  it('a saved query opens in the builder as it is, unchanged; Code keeps the same query, and back', async () => {
    const saved: GnocchiQuery = {
      refId: 'A',
      queryMode: 'dynamic_aggregates',
      resource_type: 'instance_network_interface',
      resource_search: 'instance_id = $instance',
      operations: '(/ (aggregate mean (metric network.incoming.bytes rate:mean)) 300)',
      groupby: 'name',
    };
    const { onChange, onRunQuery, requests, last } = setup(saved);
    expect(await screen.findByLabelText(S.resourceType)).toHaveValue('instance_network_interface');
    expect(screen.getByLabelText(`${B.conditionValue} 1`)).toHaveValue('$instance');
    expect(screen.getByLabelText(B.metric)).toHaveValue('network.incoming.bytes');
    expect(screen.getByLabelText(B.aggregation)).toHaveValue('rate:mean');
    expect(screen.getByLabelText(`${B.stepValue} 1`)).toHaveValue('300');
    expect(onChange).not.toHaveBeenCalled();
    expect(requests).toHaveLength(0);

    fireEvent.click(screen.getByRole('radio', { name: 'Code' }));
    expect(onChange).toHaveBeenCalledWith({ ...saved, editorMode: 'code' });
    expect(screen.queryByLabelText(B.metric)).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Builder' }));
    expect(last()).toEqual({ ...saved, editorMode: 'builder' });
    expect(await screen.findByLabelText(B.metric)).toHaveValue('network.incoming.bytes');
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('a query the builder cannot show opens in code; Builder says why and changes nothing', () => {
    const saved: GnocchiQuery = {
      refId: 'A',
      queryMode: 'dynamic_aggregates',
      operations: '(metric (cpu mean) (memory mean))',
      editorMode: 'builder',
    };
    const { onChange } = setup(saved);
    expect(screen.getByLabelText(S.editorModeRefused)).toHaveTextContent('several metrics');
    expect(screen.queryByLabelText(B.metric)).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Builder' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByLabelText(S.editorModeRefused)).toBeInTheDocument();
  });

  it('an incomplete step commits nothing runnable; a step value commits on blur and runs', async () => {
    const saved: GnocchiQuery = {
      refId: 'A',
      queryMode: 'dynamic_aggregates',
      resource_type: 'instance',
      operations: '(aggregate mean (metric cpu rate:mean))',
    };
    const { onChange, onRunQuery } = setup(saved);
    await pick(B.addStep, 'Arithmetic');
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByLabelText(B.incomplete)).toHaveTextContent('the value of every step');
    const value = screen.getByLabelText(`${B.stepValue} 1`);
    fireEvent.change(value, { target: { value: '3000000000' } });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.blur(value);
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ operations: '(/ (aggregate mean (metric cpu rate:mean)) 3000000000)' })
    );
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('other modes: pickers for their fields (metric name from the type, one look-up)', async () => {
    const { onChange, onRunQuery, paths } = setup({ refId: 'A', queryMode: 'resource', resource_type: 'instance' });
    await pick(S.metricName, 'memory.usage');
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'A',
      queryMode: 'resource',
      resource_type: 'instance',
      metric_name: 'memory.usage',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    expect(paths()).toEqual(['/v1/search/resource/instance?limit=1000&attrs=id&attrs=metrics']);
  });
});
