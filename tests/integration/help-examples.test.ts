/**
 * Every example of the query editor's cheat sheet (src/components/QueryEditorHelp/examples.ts),
 * put into a query as its "Use this query" button does, runs against the real stack's cloud seed
 * (stack/seed_cloud.py) through the plugin's DataSource and returns named series with values.
 */
import { DataFrame, DataQueryRequest, dateTime, FieldType } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { exampleQuery, HELP_EXAMPLES } from '../../src/components/QueryEditorHelp/examples';
import type { GnocchiQuery } from '../../src/types';
import { loadSeed, Seed } from './seed';
import { stackDataSource } from './stackDataSource';

let seed: Seed;
let end: number;
beforeAll(() => {
  seed = loadSeed();
  const cloud = (seed as unknown as { cloud?: { measures: { end_unix: number } } }).cloud;
  if (!cloud) {
    throw new Error('seed.json has no "cloud": run stack/seed_cloud.py (stack/up.sh does)');
  }
  end = cloud.measures.end_unix * 1000;
});

function request(target: GnocchiQuery): DataQueryRequest<GnocchiQuery> {
  const from = dateTime(end - 3 * 3_600_000);
  const to = dateTime(end + 1);
  return {
    requestId: 'help',
    interval: '5m',
    intervalMs: 300_000,
    maxDataPoints: 1000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets: [target],
    timezone: 'utc',
    app: 'explore',
    startTime: Date.now(),
  } as DataQueryRequest<GnocchiQuery>;
}

const values = (f: DataFrame) =>
  (f.fields.find((x) => x.type === FieldType.number)?.values ?? []).filter((v) => Number.isFinite(v));

describe.each(HELP_EXAMPLES)('help example "$title"', (ex) => {
  it('returns named series with values from the real stack', async () => {
    const ds = stackDataSource(seed);
    const target = exampleQuery({ refId: 'A' }, ex);
    expect(ds.filterQuery(target)).toBe(true);
    const res = await lastValueFrom(ds.query(request(target)));
    expect(res.errors).toBeUndefined();
    const frames = res.data as DataFrame[];
    expect(frames.length).toBeGreaterThan(0);
    for (const f of frames) {
      expect(f.name).toBeTruthy();
      expect(f.name).not.toContain('$');
      expect(values(f).length).toBeGreaterThan(10);
    }
    expect(frames[0].meta?.executedQueryString).toContain('POST /v1/aggregates');
  });
});

it('"one flavor": the hosts of the m1.small instances of the seeded project only', async () => {
  const ex = HELP_EXAMPLES.find((e) => e.query.resource_search === "flavor_name = 'm1.small'")!;
  const res = await lastValueFrom(stackDataSource(seed).query(request(exampleQuery({ refId: 'A' }, ex))));
  expect((res.data as DataFrame[]).map((f) => f.name).sort()).toEqual(['cmp-01', 'cmp-02']);
});
