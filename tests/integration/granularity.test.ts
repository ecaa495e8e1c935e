/**
 * The granularity a panel asks for, against the real Gnocchi (issue 13 §1): metrics of Ceilometer's
 * `ceilometer-high` and `ceilometer-low` policies with data in every archive (seeded for this file by the
 * bench's seedMetrics, deleted after). The panel receives only the points it draws, and their values are
 * Gnocchi's own: the archive's values, or Gnocchi's resample of the finer archive.
 */
import { DataFrame, DataQueryRequest, dateTime, FieldType, rangeUtil } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import type { DataSource } from '../../src/datasource';
import { fetchTransport } from '../../src/http/transport';
import { isPolicyLookup } from '../../src/query/granularityPlan';
import type { GnocchiQuery } from '../../src/types';
import { recorder } from '../../src/__mocks__/transport';
import { loadSeed, Seed } from './seed';
import { stackDataSource } from './stackDataSource';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { seedMetrics } = require('../../bench/lib/seedMetrics.cjs');

interface Seeded {
  resourceId: string;
  metrics: Record<'high' | 'low', { id: string; name: string }>;
  remove(): Promise<void>;
}

const H = 3_600_000;
let seed: Seed;
let seeded: Seeded;

beforeAll(async () => {
  seed = loadSeed();
  seeded = await seedMetrics(seed);
}, 120_000);

afterAll(async () => {
  await seeded?.remove();
});

function dataSource() {
  const r = recorder((req) => fetchTransport(req));
  const ds = stackDataSource(seed, { transport: r.transport });
  const own = () => r.requests.filter((q) => q.service === 'Gnocchi' && !isPolicyLookup(q));
  return { ds, own, lookups: () => r.requests.filter((q) => q.service === 'Gnocchi' && isPolicyLookup(q)) };
}

async function panel(ds: DataSource, target: GnocchiQuery, rangeMs: number): Promise<DataFrame[]> {
  const toMs = Date.now();
  const from = dateTime(toMs - rangeMs);
  const to = dateTime(toMs);
  const range = { from, to, raw: { from, to } };
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, 1000);
  const res = await lastValueFrom(
    ds.query({
      requestId: 'g',
      interval,
      intervalMs,
      maxDataPoints: 1000,
      range,
      scopedVars: {},
      targets: [target],
      timezone: 'utc',
      app: 'dashboard',
      startTime: Date.now(),
    } as DataQueryRequest<GnocchiQuery>)
  );
  expect(res.errors).toBeUndefined();
  return res.data as DataFrame[];
}

const pointsOf = (f: DataFrame) => {
  const t = f.fields.find((x) => x.type === FieldType.time)!.values as number[];
  const v = f.fields.find((x) => x.type === FieldType.number)!.values as number[];
  return t.map((x, i) => [x, v[i]] as [number, number]);
};

/** Gnocchi's own measures of one archive, as the seeded user. */
async function archive(ds: DataSource, id: string, granularity: number, resample?: number) {
  const params: Record<string, string | number> = {
    granularity,
    start: new Date(Date.now() - 8 * 24 * H).toISOString(),
  };
  if (resample) {
    params.resample = resample;
  }
  const m = await ds.client.request<Array<[string, number, number]>>('GET', `/v1/metric/${id}/measures`, { params });
  return new Map(m.map(([t, , v]) => [Date.parse(t), v]));
}

describe('a panel asks Gnocchi for the granularity it draws', () => {
  it('ceilometer-high, 1 day, dynamic aggregates: the minute archive only, its own values; the look-up once', async () => {
    const { ds, own, lookups } = dataSource();
    const target: GnocchiQuery = {
      refId: 'A',
      queryVersion: 2,
      queryMode: 'dynamic_aggregates',
      resource_type: 'generic',
      resource_search: `id = "${seeded.resourceId}"`,
      operations: `(metric ${seeded.metrics.high.name} mean)`,
    };
    const [frame] = await panel(ds, target, 24 * H);
    expect(new URL(own()[0].url).searchParams.get('granularity')).toBe('60');
    expect(lookups()).toHaveLength(1);
    const pts = pointsOf(frame);
    expect(pts.length).toBeGreaterThan(1400);
    const minutes = await archive(ds, seeded.metrics.high.id, 60);
    for (const [t, v] of pts.slice(-100)) {
      expect(v).toBeCloseTo(minutes.get(t)!, 9);
    }
    await panel(ds, target, 24 * H);
    expect(lookups()).toHaveLength(1);
    expect(own().filter((q) => q.url.includes('/v1/aggregates'))).toHaveLength(2);
  });

  it('ceilometer-high, 1 hour, metric mode: the 1 s archive resampled by Gnocchi to the panel interval', async () => {
    const { ds, own } = dataSource();
    const [frame] = await panel(
      ds,
      { refId: 'A', queryVersion: 2, queryMode: 'metric', metric_id: seeded.metrics.high.id },
      H
    );
    const asked = new URL(own()[0].url).searchParams;
    expect(asked.get('granularity')).toBe('1');
    const step = Number(asked.get('resample'));
    expect(step).toBeGreaterThan(1);
    const pts = pointsOf(frame);
    expect(pts.length).toBeLessThanOrEqual(1000);
    expect(pts.length).toBeGreaterThan(500);
    const resampled = await archive(ds, seeded.metrics.high.id, 1, step);
    for (const [t, v] of pts.slice(-50)) {
      expect(v).toBeCloseTo(resampled.get(t)!, 9);
    }
  });

  it('ceilometer-low, 7 days, resource aggregation: the 5 minute archive resampled inside the aggregation', async () => {
    const { ds, own } = dataSource();
    const [frame] = await panel(
      ds,
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource_aggregation',
        resource_type: 'generic',
        resource_search: `id = "${seeded.resourceId}"`,
        metric_name: seeded.metrics.low.name,
        aggregator: 'mean',
        reaggregator: 'mean',
      },
      7 * 24 * H
    );
    const req = own()[0];
    expect(new URL(req.url).searchParams.get('granularity')).toBe('300');
    expect(JSON.parse(String(req.body)).operations).toEqual([
      'aggregate',
      'mean',
      ['resample', 'mean', 900, ['metric', seeded.metrics.low.name, 'mean']],
    ]);
    expect(pointsOf(frame).length).toBeLessThanOrEqual(1000);
    expect(pointsOf(frame).length).toBeGreaterThan(600);
  });

  it('an explicit granularity is what Gnocchi is asked for, without look-up', async () => {
    const { ds, own, lookups } = dataSource();
    const [frame] = await panel(
      ds,
      { refId: 'A', queryVersion: 2, queryMode: 'metric', metric_id: seeded.metrics.high.id, granularity: '3600' },
      24 * H
    );
    expect(lookups()).toHaveLength(0);
    expect(new URL(own()[0].url).searchParams.get('granularity')).toBe('3600');
    expect(pointsOf(frame).length).toBeLessThanOrEqual(25);
  });
});
