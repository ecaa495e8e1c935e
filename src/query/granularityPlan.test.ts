import { recordingClient } from '../__mocks__/client';
import { response } from '../__mocks__/transport';
import { LookupApi } from '../api/resources';
import type { HttpRequest } from '../http/transport';
import type { GnocchiQuery } from '../types';
import { RequestError } from '../http/errors';
import { isPolicyLookup } from './granularityPlan';
import { runQuery } from './run';

const NOW = Date.UTC(2026, 10, 30, 12);
const H = 3_600_000;
const D = 24 * H;
const HIGH = {
  name: 'ceilometer-high',
  aggregation_methods: ['mean', 'rate:mean'],
  definition: [
    { granularity: '0:00:01', timespan: '1:00:00', points: 3600 },
    { granularity: '0:01:00', timespan: '1 day, 0:00:00', points: 1440 },
    { granularity: '1:00:00', timespan: '365 days, 0:00:00', points: 8760 },
  ],
};
const LOW = {
  name: 'ceilometer-low',
  aggregation_methods: ['mean'],
  definition: [{ granularity: '0:05:00', timespan: '30 days, 0:00:00', points: 8640 }],
};
const AGG = { measures: { aggregated: [['2026-11-30T11:00:00+00:00', 4, 1]] } };
const SEARCH = {
  references: [{ id: 'r1', metrics: { cpu: 'm1' } }],
  measures: { r1: { cpu: { mean: [['2026-11-30T11:00:00+00:00', 4, 1]] } } },
};

type Answer = (req: HttpRequest) => ReturnType<typeof response> | Promise<never> | undefined;

function setup(answer: Answer = () => undefined) {
  const r = recordingClient((req) => {
    const own = answer(req);
    if (own) {
      return own;
    }
    const url = new URL(req.url);
    if (url.pathname === '/v1/metric') {
      const id = url.searchParams.get('id');
      return response(200, [
        { id: id ?? 'm1', name: url.searchParams.get('name') ?? 'cpu', archive_policy: id ? LOW : HIGH },
      ]);
    }
    if (/\/metric$/.test(url.pathname)) {
      return response(200, [
        { id: 'm1', name: 'cpu', archive_policy: HIGH },
        { id: 'm2', name: 'cpu.delta', archive_policy: HIGH },
      ]);
    }
    if (url.pathname.startsWith('/v1/search/resource')) {
      return response(200, [{ id: 'r1', metrics: { cpu: 'm1', 'cpu.delta': 'm2' } }]);
    }
    if (url.pathname.endsWith('/measures')) {
      return response(200, [['2026-11-30T11:00:00+00:00', 900, 1]]);
    }
    return response(200, String(req.body).includes('"metric",') ? SEARCH : AGG);
  });
  const lookups = new LookupApi(r.client);
  const run = (q: GnocchiQuery, rangeMs: number, intervalMs: number, maxDataPoints = 1000) =>
    runQuery(
      q,
      { client: r.client, window: { fromMs: NOW - rangeMs, toMs: NOW } },
      { intervalMs, maxDataPoints, lookups, now: () => NOW }
    );
  const data = () => r.requests.filter((q) => !isPolicyLookup(q));
  const lookupsSent = () =>
    r.requests.filter((q) => isPolicyLookup(q)).map((q) => q.url.replace('http://gnocchi:8041', ''));
  return { ...r, run, data, lookupsSent };
}

const params = (req: HttpRequest) => Object.fromEntries(new URL(req.url).searchParams);
const body = (req: HttpRequest) => JSON.parse(String(req.body));
const dyn = (over: Partial<GnocchiQuery> = {}): GnocchiQuery => ({
  refId: 'A',
  queryVersion: 2,
  queryMode: 'dynamic_aggregates',
  resource_type: 'instance',
  operations: '(aggregate mean (metric cpu mean))',
  ...over,
});

describe('the granularity a panel asks for', () => {
  it('dynamic aggregates on ceilometer-high, 1 h: the 1 s archive resampled by Gnocchi; the look-up once', async () => {
    const s = setup();
    const frames = await s.run(dyn(), H, 2000);
    expect(s.lookupsSent()).toEqual(['/v1/metric?name=cpu&limit=1']);
    expect(params(s.data()[0]).granularity).toBe('1');
    expect(body(s.data()[0]).operations).toBe('(resample mean 4 (aggregate mean (metric cpu mean)))');
    expect(frames[0].meta?.executedQueryString).toContain('granularity=1');
    await s.run(dyn(), H, 2000);
    expect(s.lookupsSent()).toHaveLength(1);
    expect(s.data()).toHaveLength(2);
  });

  it('1 day: the minute archive as it is; 7 days: the hourly one', async () => {
    const s = setup();
    await s.run(dyn(), D, 60_000);
    await s.run(dyn(), 7 * D, 600_000);
    expect(s.data().map((r) => [params(r).granularity, body(r).operations])).toEqual([
      ['60', '(aggregate mean (metric cpu mean))'],
      ['3600', '(aggregate mean (metric cpu mean))'],
    ]);
  });

  it('an explicit granularity is kept and needs no look-up', async () => {
    const s = setup();
    await s.run(dyn({ granularity: '300' }), H, 2000);
    expect(s.lookupsSent()).toEqual([]);
    expect(params(s.data()[0]).granularity).toBe('300');
  });

  it('operations that cannot be resampled as a whole (rate:mean) take the coarser archive', async () => {
    const s = setup();
    await s.run(dyn({ operations: '(metric cpu rate:mean)' }), H, 2000);
    expect(params(s.data()[0]).granularity).toBe('60');
    expect(body(s.data()[0]).operations).toBe('(metric cpu rate:mean)');
  });

  it('a wildcard metric name: no plan, every granularity as before', async () => {
    const s = setup();
    await s.run(dyn({ operations: '(metric cpu* mean)' }), H, 2000);
    expect(s.lookupsSent()).toEqual([]);
    expect(params(s.data()[0]).granularity).toBeUndefined();
  });

  it('resource aggregation resamples each metric inside the cross-resource aggregation', async () => {
    const s = setup();
    const q: GnocchiQuery = {
      refId: 'A',
      queryVersion: 2,
      queryMode: 'resource_aggregation',
      resource_type: 'instance',
      metric_name: 'cpu',
      aggregator: 'max',
      reaggregator: 'mean',
    };
    await s.run(q, H, 2000);
    expect(body(s.data()[0]).operations).toEqual([
      'aggregate',
      'mean',
      ['resample', 'max', 4, ['metric', 'cpu', 'max']],
    ]);
  });

  it('metric mode: the policy by id, then the measures with granularity and resample', async () => {
    const s = setup();
    await s.run({ refId: 'A', queryVersion: 2, queryMode: 'metric', metric_id: 'm1' }, 7 * D, 600_000);
    expect(s.lookupsSent()).toEqual(['/v1/metric?id=m1&limit=1']);
    expect(params(s.data()[0])).toMatchObject({ granularity: '300', resample: '900', aggregation: 'mean' });
  });

  it('a metric regex learns every matched name from one resource, then asks for one granularity', async () => {
    const s = setup();
    const q: GnocchiQuery = {
      refId: 'A',
      queryVersion: 2,
      queryMode: 'resource_search',
      resource_type: 'instance',
      metric_name: 'cpu.*',
    };
    await s.run(q, D, 60_000);
    expect(s.lookupsSent()).toEqual(['/v1/resource/instance/r1/metric']);
    const agg = s.data().find((r) => r.url.includes('/v1/aggregates'))!;
    expect(params(agg).granularity).toBe('60');
    await s.run(q, D, 60_000);
    expect(s.lookupsSent()).toHaveLength(1);
    expect(s.data()).toHaveLength(4); // search + aggregates, twice
  });

  it('a saved 1.x query keeps the granularity it drew and is never resampled', async () => {
    const s = setup();
    await s.run({ refId: 'A', queryMode: 'resource', resource_id: 'r1', metric_name: 'cpu' }, H, 2000);
    expect(params(s.data()[0]).granularity).toBe('60');
    expect(body(s.data()[0]).operations).toEqual(['metric', 'cpu', 'mean']);
  });

  it('a metric without the planned granularity (same name, other policy): sent again without it', async () => {
    const s = setup((req) =>
      req.url.includes('granularity=')
        ? response(400, {
            code: 400,
            description: { cause: "Metrics can't being aggregated", reason: 'Granularities are missing' },
          })
        : undefined
    );
    const frames = await s.run(dyn(), D, 60_000);
    expect(s.data().map((r) => params(r).granularity)).toEqual(['60', undefined]);
    expect(frames[0].length).toBe(1);
  });

  it('a failed look-up means no plan, not a failed panel', async () => {
    const s = setup((req) => (req.url.includes('/v1/metric?') ? response(403, { description: 'no' }) : undefined));
    const frames = await s.run(dyn(), H, 2000);
    expect(params(s.data()[0]).granularity).toBeUndefined();
    expect(frames[0].length).toBe(1);
    await s.run(dyn(), H, 2000); // refused once: not asked again by this instance
    expect(s.lookupsSent()).toEqual(['/v1/metric?name=cpu&limit=1']);
  });

  it('a network failure of the look-up: the panel request goes as before (and names its own failure); asked again later', async () => {
    const s = setup((req) =>
      req.url.includes('/v1/metric?')
        ? Promise.reject(
            new RequestError('The browser could not reach Gnocchi', 'Gnocchi', req.url, undefined, 'network')
          )
        : undefined
    );
    const frames = await s.run(dyn(), H, 2000);
    expect(params(s.data()[0]).granularity).toBeUndefined();
    expect(frames[0].length).toBe(1);
    await s.run(dyn(), H, 2000);
    expect(s.lookupsSent()).toHaveLength(2);
  });

  it('Keystone failing during the look-up is the panel error, without a second token request', async () => {
    const s = setup((req) =>
      req.url.includes('/v1/metric?')
        ? Promise.reject(
            new RequestError('Keystone 401 Unauthorized: refused', 'Keystone', 'http://keystone', 401, 'auth')
          )
        : undefined
    );
    await expect(s.run(dyn(), H, 2000)).rejects.toThrow(/Keystone 401/);
    expect(s.data()).toHaveLength(0);
  });
});
