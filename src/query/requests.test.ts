import {
  dynamicAggregatesRequest,
  isRegex,
  matchingMetricNames,
  referencesMetricIds,
  metricMeasuresRequest,
  resourceAggregationRequest,
  resourceMetricRequest,
  resourceSearchRequest,
  resourceSeriesRequest,
} from './requests';
import { GnocchiQuery, GnocchiResource } from '../types';

const w = { fromMs: Date.UTC(2024, 0, 1, 0, 0), toMs: Date.UTC(2024, 0, 1, 6, 0) };
const times = { start: '2024-01-01T00:00:00.000Z', stop: '2024-01-01T06:00:00.000Z' };
const q = (fields: Partial<GnocchiQuery>): GnocchiQuery => ({ refId: 'A', ...fields });

describe('dynamic_aggregates', () => {
  it('search mode with groupby, fill and overlap', () => {
    const r = dynamicAggregatesRequest(
      q({
        queryMode: 'dynamic_aggregates',
        operations: '(aggregate mean (metric cpu_util mean))',
        resource_type: 'instance',
        resource_search: "host = 'c1'",
        groupby: 'host, flavor',
        fill: 0,
        needed_overlap: 50,
        granularity: '60',
      }),
      w
    );
    expect(r).toEqual({
      method: 'POST',
      path: '/v1/aggregates',
      params: {
        details: 'true',
        ...times,
        granularity: 60,
        fill: '0',
        needed_overlap: '50',
        groupby: ['host', 'flavor'],
      },
      body: { operations: '(aggregate mean (metric cpu_util mean))', resource_type: 'instance', search: "host = 'c1'" },
    });
  });

  it('metric names without a search still search all resources of the type', () => {
    const r = dynamicAggregatesRequest(
      q({ queryMode: 'dynamic_aggregates', operations: '(metric cpu_util mean)', resource_type: 'instance' }),
      w
    );
    expect(r.body).toEqual({ operations: '(metric cpu_util mean)', resource_type: 'instance', search: {} });
  });

  it('metric ids without search: metric-ID mode (no resource_type)', () => {
    const id = '5e3b6a4c-1d2e-4f00-8a7b-0123456789ab';
    const r = dynamicAggregatesRequest(q({ queryMode: 'dynamic_aggregates', operations: `(metric ${id} mean)` }), w);
    expect(r.body).toEqual({ operations: `(metric ${id} mean)` });
  });

  it('JSON operations and JSON search are sent as JSON', () => {
    const r = dynamicAggregatesRequest(
      q({
        queryMode: 'dynamic_aggregates',
        operations: '["metric", "cpu", "mean"]',
        resource_search: '{"=": {"host": "a"}}',
      }),
      w
    );
    expect(r.body).toEqual({
      operations: ['metric', 'cpu', 'mean'],
      resource_type: 'generic',
      search: { '=': { host: 'a' } },
    });
  });

  it('errors name the field', () => {
    expect(() => dynamicAggregatesRequest(q({ queryMode: 'dynamic_aggregates' }), w)).toThrow(
      'Set "operations" for a dynamic aggregates query'
    );
    expect(() =>
      dynamicAggregatesRequest(q({ queryMode: 'dynamic_aggregates', operations: '[1,', granularity: '' }), w)
    ).toThrow(/Invalid JSON in operations/);
    expect(() =>
      dynamicAggregatesRequest(
        q({ queryMode: 'dynamic_aggregates', operations: '(metric a mean)', granularity: 'abc' }),
        w
      )
    ).toThrow('Granularity must be a number of seconds, got "abc"');
  });
});

describe('resource_search', () => {
  it('regex detection', () => {
    expect(isRegex('cpu_util')).toBe(false);
    expect(isRegex('memory.usage')).toBe(false);
    expect(isRegex('cpu.*')).toBe(true);
    expect(isRegex('(cpu_util|memory)')).toBe(true);
  });

  it('step 1: string filters go in ?filter=, JSON in the body', () => {
    expect(resourceSearchRequest(q({ resource_type: 'instance', resource_search: "host = 'a'" }))).toEqual({
      method: 'POST',
      path: '/v1/search/resource/instance',
      params: { filter: "host = 'a'" },
    });
    expect(resourceSearchRequest(q({ resource_search: '{"=": {"host": "a"}}' })).body).toEqual({ '=': { host: 'a' } });
    expect(resourceSearchRequest(q({})).body).toEqual({});
  });

  it('metric names matching an unanchored regex, sorted and unique', () => {
    const resources: GnocchiResource[] = [
      { id: '1', metrics: { cpu_util: 'm1', 'memory.usage': 'm2' } },
      { id: '2', metrics: { cpu_util: 'm3', 'disk.read': 'm4' } },
    ];
    expect(matchingMetricNames(resources, 'cpu|mem')).toEqual(['cpu_util', 'memory.usage']);
    expect(() => matchingMetricNames(resources, '(')).toThrow(/Invalid metric regex "\("/);
  });

  it('step 2: one /v1/aggregates call for every resource and metric', () => {
    const r = resourceSeriesRequest(q({ resource_type: 'instance', aggregator: 'max' }), w, [
      'cpu_util',
      'memory.usage',
    ]);
    expect(r.body).toEqual({
      operations: ['metric', ['cpu_util', 'max'], ['memory.usage', 'max']],
      resource_type: 'instance',
      search: {},
    });
    expect(r.params).toEqual({ details: 'true', ...times });
  });
});

describe('resource_aggregation', () => {
  it('reaggregates with the current API (none → the aggregation method, as 1.7.1)', () => {
    const r = resourceAggregationRequest(
      q({ queryMode: 'resource_aggregation', metric_name: 'cpu', groupby: 'host' }),
      w
    );
    expect(r.body).toEqual({
      operations: ['aggregate', 'mean', ['metric', 'cpu', 'mean']],
      resource_type: 'generic',
      search: {},
    });
    expect(r.params.groupby).toEqual(['host']);
    const max = resourceAggregationRequest(
      q({ queryMode: 'resource_aggregation', metric_name: 'cpu', reaggregator: 'max', needed_overlap: 0 }),
      w
    );
    expect((max.body as any).operations[1]).toBe('max');
    const none = resourceAggregationRequest(
      q({ queryMode: 'resource_aggregation', metric_name: 'cpu', aggregator: 'max', reaggregator: 'none' }),
      w
    );
    expect((none.body as any).operations).toEqual(['aggregate', 'max', ['metric', 'cpu', 'max']]);
    // needed_overlap 0 without fill: dropna, so that missing points are not NaN
    expect(max.params.fill).toBe('dropna');
  });
});

describe('resource and metric', () => {
  it('resource by original id or UUID, one request with the resource attributes', () => {
    const r = resourceMetricRequest(
      q({ queryMode: 'resource', resource_id: 'vm-001', metric_name: 'cpu_util', resource_type: 'instance' }),
      w
    );
    expect(r.body).toEqual({
      operations: ['metric', 'cpu_util', 'mean'],
      resource_type: 'instance',
      search: { '=': { original_resource_id: 'vm-001' } },
    });
    const uuid = '5e3b6a4c-1d2e-4f00-8a7b-0123456789ab';
    const byId = resourceMetricRequest(q({ queryMode: 'resource', resource_id: uuid, metric_name: 'cpu_util' }), w);
    expect((byId.body as any).search).toEqual({ '=': { id: uuid } });
  });

  it('metric id: GET measures (works for non-admin users on Gnocchi 4.4)', () => {
    expect(
      metricMeasuresRequest(q({ queryMode: 'metric', metric_id: 'abc', aggregator: 'max', granularity: '3600' }), w)
    ).toEqual({
      method: 'GET',
      path: '/v1/metric/abc/measures',
      params: { aggregation: 'max', ...times, granularity: 3600 },
    });
    expect(() => metricMeasuresRequest(q({ queryMode: 'metric' }), w)).toThrow('Set "metric_id" for a metric query');
  });
});

describe('referencesMetricIds', () => {
  const a = '5e3fcbe2-7aab-475d-b42c-a440aa42e5ad';
  const b = '0c2a6e5d-4d4d-4c4c-9a9a-111111111111';
  it.each([
    [`(metric ${a} mean)`, true],
    [`(metric (${a} mean) (${b} max))`, true],
    [`(aggregate mean (metric (${a} mean) (${b} mean)))`, true],
    [`["metric", "${a}", "mean"]`, true],
    [`["aggregate", "mean", ["metric", ["${a}", "mean"], ["${b}", "max"]]]`, true],
    ['(metric cpu mean)', false],
    [`(metric (${a} mean) (cpu mean))`, false],
    ['["metric", ["cpu", "mean"]]', false],
  ])('%s → %s', (ops, ids) => {
    expect(referencesMetricIds(ops)).toBe(ids);
  });

  it('explicit metric ids without search or groupby are sent without a search', () => {
    const r = dynamicAggregatesRequest(q({ operations: `(metric (${a} mean) (${b} max))` }), w);
    expect(r.body).toEqual({ operations: `(metric (${a} mean) (${b} max))` });
  });
});
