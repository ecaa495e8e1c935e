import { recordingClient } from '../../__mocks__/client';
import { Handler, response } from '../../__mocks__/transport';
import type { GnocchiQuery } from '../../types';
import { RUNNERS, runnerOf } from './index';

const window = { fromMs: Date.UTC(2024, 0, 1, 0), toMs: Date.UTC(2024, 0, 1, 6) };

function setup(handler: Handler) {
  const r = recordingClient(handler);
  return { ...r, ctx: { client: r.client, window } };
}

const pts = [['2024-01-01T00:00:00+00:00', 60, 1]];
const searchBody = (resources: Array<{ id: string; metric: string }>) => ({
  references: resources.map((r) => ({ id: r.id, display_name: `vm-${r.id}`, metrics: { [r.metric]: `m-${r.id}` } })),
  measures: Object.fromEntries(resources.map((r) => [r.id, { [r.metric]: { mean: pts } }])),
});

describe('runners', () => {
  it('resource_search with a plain name: one /v1/aggregates request', async () => {
    const { requests, ctx } = setup(() => response(200, searchBody([{ id: 'a', metric: 'cpu' }])));
    const q: GnocchiQuery = {
      refId: 'A',
      queryVersion: 2,
      queryMode: 'resource_search',
      resource_type: 'instance',
      metric_name: 'cpu',
    };
    const out = await runnerOf(q).run(q, ctx);
    expect(requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'POST http://gnocchi:8041/v1/aggregates',
    ]);
    expect(JSON.parse(String(requests[0].body)).operations).toEqual(['metric', ['cpu', 'mean']]);
    expect(out.series).toHaveLength(1);
    expect(out.zeroFill).toBe(true);
    expect(out.requests).toHaveLength(1);
  });

  it('resource_search with a regex: the search (all pages), then one /v1/aggregates for the matching names', async () => {
    const { requests, ctx } = setup((req) =>
      req.url.includes('/v1/search/resource/instance')
        ? response(200, [{ id: 'a', metrics: { 'cpu.util': '1', vcpus: '2', memory: '3' } }])
        : response(200, searchBody([{ id: 'a', metric: 'cpu.util' }]))
    );
    const q: GnocchiQuery = { refId: 'A', queryMode: 'resource_search', resource_type: 'instance', metric_name: 'cpu' };
    const out = await RUNNERS.resource_search.run({ ...q, metric_name: 'cpu|vcpu' }, ctx);
    expect(requests).toHaveLength(2);
    expect(JSON.parse(String(requests[1].body)).operations).toEqual([
      'metric',
      ['cpu.util', 'mean'],
      ['vcpus', 'mean'],
    ]);
    expect(out.requests).toHaveLength(2);
  });

  it('a regex that matches no metric name sends one request and says so', async () => {
    const { requests, ctx } = setup(() => response(200, [{ id: 'a', metrics: { memory: '3' } }]));
    const q: GnocchiQuery = { refId: 'A', queryMode: 'resource_search', metric_name: '^cpu' };
    const out = await runnerOf(q).run(q, ctx);
    expect(requests).toHaveLength(1);
    expect(out.series).toEqual([]);
    expect(out.notice).toMatch(/1 matching resources matches \/\^cpu\//);
  });

  it("Gnocchi's 'no metric matched' is no series and a notice naming the metric", async () => {
    const { ctx } = setup(() => response(400, { code: 400, description: 'Metrics not found', title: 'Bad Request' }));
    const q: GnocchiQuery = {
      refId: 'A',
      queryMode: 'dynamic_aggregates',
      resource_type: 'instance',
      operations: '(aggregate mean (metric (cpu mean) (memory.usage max)))',
    };
    const out = await runnerOf(q).run(q, ctx);
    expect(out.series).toEqual([]);
    expect(out.notice).toBe(
      'No resource of type "instance" matching the search has the metrics cpu, memory.usage (Gnocchi: no metric matched)'
    );
  });

  it('other Gnocchi errors are errors', async () => {
    const { ctx } = setup(() =>
      response(400, { code: 400, description: 'Unknown aggregation method', title: 'Bad Request' })
    );
    const q: GnocchiQuery = { refId: 'A', queryMode: 'resource_aggregation', metric_name: 'cpu' };
    await expect(runnerOf(q).run(q, ctx)).rejects.toThrow(/Unknown aggregation method/);
  });

  it('metric mode: GET measures, one series named by the id', async () => {
    const { requests, ctx } = setup(() => response(200, pts));
    const q: GnocchiQuery = { refId: 'A', queryMode: 'metric', metric_id: 'abc', aggregator: 'max' };
    const out = await runnerOf(q).run(q, ctx);
    expect(requests[0].url).toMatch(/^http:\/\/gnocchi:8041\/v1\/metric\/abc\/measures\?aggregation=max&start=/);
    expect(out.series[0].labels).toEqual({ metric: 'abc', metric_id: 'abc', aggregation: 'max' });
  });

  it.each(['..', '.'])('a metric id %j never reaches the path (D5)', async (id) => {
    const { requests, ctx } = setup(() => response(200, pts));
    const q: GnocchiQuery = { refId: 'A', queryMode: 'metric', metric_id: id };
    await expect(runnerOf(q).run(q, ctx)).rejects.toThrow(/not valid/);
    expect(requests).toHaveLength(0);
  });

  it('ready() says what each mode needs', () => {
    expect(RUNNERS.dynamic_aggregates.ready({ refId: 'A', operations: '(metric cpu mean)' })).toBe(true);
    expect(RUNNERS.resource.ready({ refId: 'A', resource_id: 'x' })).toBe(false);
    expect(RUNNERS.resource.ready({ refId: 'A', resource_id: 'x', metric_name: 'cpu' })).toBe(true);
    expect(RUNNERS.metric.ready({ refId: 'A', metric_id: ' ' })).toBe(false);
    expect(() => runnerOf({ refId: 'A', queryMode: 'nope' as never })).toThrow(/Unknown query mode/);
  });

  it('a saved 1.x resource search matches a plain name unanchored, as 1.7.1 (cpu also takes vcpus)', async () => {
    const { requests, ctx } = setup((req) =>
      req.url.includes('/v1/search/')
        ? response(200, [{ id: 'a', metrics: { cpu: '1', vcpus: '2', memory: '3' } }])
        : response(200, searchBody([{ id: 'a', metric: 'cpu' }]))
    );
    const q: GnocchiQuery = { refId: 'A', queryMode: 'resource_search', metric_name: 'cpu' };
    await runnerOf(q).run(q, ctx);
    expect(requests).toHaveLength(2);
    expect(JSON.parse(String(requests[1].body)).operations).toEqual(['metric', ['cpu', 'mean'], ['vcpus', 'mean']]);
  });

  it('a saved 1.x resource aggregation matches unanchored without group by, exactly with one', async () => {
    const { requests, ctx } = setup((req) =>
      req.url.includes('/v1/search/')
        ? response(200, [{ id: 'a', metrics: { 'memory@percent-used': '1', 'memory@percent-used-0': '2' } }])
        : response(200, { measures: { aggregated: pts } })
    );
    const q: GnocchiQuery = {
      refId: 'A',
      queryMode: 'resource_aggregation',
      metric_name: 'memory@percent-used',
      aggregator: 'max',
    };
    await runnerOf(q).run(q, ctx);
    expect(requests).toHaveLength(2);
    expect(JSON.parse(String(requests[1].body)).operations).toEqual([
      'aggregate',
      'max',
      ['metric', ['memory@percent-used', 'max'], ['memory@percent-used-0', 'max']],
    ]);
    requests.length = 0;
    await runnerOf(q).run({ ...q, groupby: 'host' }, ctx);
    expect(requests).toHaveLength(1);
    expect(JSON.parse(String(requests[0].body)).operations).toEqual([
      'aggregate',
      'max',
      ['metric', 'memory@percent-used', 'max'],
    ]);
  });

  it('metric mode reads the metric document only when the label needs it', async () => {
    const { requests, ctx } = setup((req) =>
      req.url.includes('/measures')
        ? response(200, pts)
        : response(200, { id: 'abc', name: 'cpu', unit: 'ns', resource: { id: 'r1', type: 'instance', host: 'c1' } })
    );
    const q: GnocchiQuery = { refId: 'A', queryMode: 'metric', metric_id: 'abc', label: '$metric on $host' };
    const out = await runnerOf(q).run(q, ctx);
    expect(requests.map((r) => r.url.split('?')[0])).toEqual([
      'http://gnocchi:8041/v1/metric/abc',
      'http://gnocchi:8041/v1/metric/abc/measures',
    ]);
    expect(out.series[0].metric).toBe('cpu');
    expect(out.series[0].resource).toEqual({ id: 'r1', type: 'instance', host: 'c1' });
    expect(out.series[0].unit).toBe('ns');
  });
});
