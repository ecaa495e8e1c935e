/**
 * Ad hoc filters against the real stack: keys and values from Gnocchi, a filter narrows a panel
 * exactly as the equivalent search does (string and JSON searches, several values, negation), and a
 * hostile value never widens it.
 */
import { AdHocVariableFilter, DataFrame, DataQueryRequest, dateTime } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import type { DataSource } from '../../src/datasource';
import type { GnocchiQuery } from '../../src/types';
import { loadSeed, Seed } from './seed';
import { stackDataSource } from './stackDataSource';

let seed: Seed;
let ds: DataSource;
beforeAll(() => {
  seed = loadSeed();
  ds = stackDataSource(seed);
});

const panel = (resource_search = '', queryMode: GnocchiQuery['queryMode'] = 'resource_search'): GnocchiQuery => ({
  refId: 'A',
  queryVersion: 2,
  queryMode,
  resource_type: 'demo_instance',
  resource_search,
  metric_name: 'memory.usage',
  ...(queryMode === 'resource_aggregation' ? { reaggregator: 'sum', aggregator: 'mean' } : {}),
});

/** Per series: its resource's host and display name with its last value (or the series names). */
async function run(q: GnocchiQuery, filters: AdHocVariableFilter[] = []) {
  const end = seed.measures.end_unix * 1000;
  const from = dateTime(end - 3_600_000);
  const to = dateTime(end);
  const request = {
    requestId: 'adhoc',
    interval: '1m',
    intervalMs: 60_000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets: [q],
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
    filters,
  } as DataQueryRequest<GnocchiQuery>;
  const res = await lastValueFrom(ds.query(request));
  if (res.errors?.length) {
    return { error: res.errors[0].message, series: [] as string[] };
  }
  const series = (res.data as DataFrame[])
    .filter((f) => f.fields.length > 1)
    .map((f) => {
      const v = f.fields[1];
      return `${v.labels?.display_name ?? v.config?.displayNameFromDS ?? f.name}=${v.values[v.values.length - 1]}`;
    })
    .sort();
  return { error: undefined, series };
}

const hosts = (host: string) =>
  Object.values(seed.resources).filter(
    (r) => r.type === 'demo_instance' && r.project === 'grafana-demo' && r.host === host
  );

describe('ad hoc filters on the real stack', () => {
  it('keys: the attributes of the queried type; values: read from Gnocchi', async () => {
    const keys = (await ds.getTagKeys({ filters: [], queries: [panel()] })).map((k) => k.text);
    expect(keys).toEqual(expect.arrayContaining(['host', 'flavor', 'display_name', 'project_id']));
    expect(keys).not.toContain('rack');
    const values = (await ds.getTagValues({ key: 'host', filters: [], queries: [panel()] })).map((v) => v.text);
    expect(values).toEqual(['compute-1', 'compute-2', 'compute-3', 'compute-4']);
    const filters = [{ key: 'host', operator: '=', value: 'compute-1' }];
    const names = (await ds.getTagValues({ key: 'display_name', filters, queries: [panel()] })).map((v) => v.text);
    expect(names).toEqual([...new Set(hosts('compute-1').map((r) => r.display_name as string))].sort());
  });

  it('narrows exactly as the equivalent search, on a string search, a JSON search and no search', async () => {
    const flavor = seed.resources['vm-001'].flavor as string;
    const want = await run(panel(`flavor = '${flavor}' and host = 'compute-1'`));
    expect(want.series.length).toBeGreaterThan(0);
    expect(want.series.length).toBeLessThan(hosts('compute-1').length);
    const filter = [{ key: 'host', operator: '=', value: 'compute-1' }];
    expect(await run(panel(`flavor = '${flavor}'`), filter)).toEqual(want);
    expect(await run(panel(`{"=": {"flavor": "${flavor}"}}`), filter)).toEqual(want);
    const byHost = await run(panel("host = 'compute-1'"));
    expect(byHost.series).toHaveLength(hosts('compute-1').length);
    expect(await run(panel(), filter)).toEqual(byHost);
  });

  it('several values (=|), negation (!=|) and a top-level or in the panel search', async () => {
    const two = await run(panel("host in ['compute-1', 'compute-2']"));
    expect(
      await run(panel(), [{ key: 'host', operator: '=|', value: '', values: ['compute-1', 'compute-2'] }])
    ).toEqual(two);
    const rest = await run(panel("not host in ['compute-1', 'compute-2']"));
    const not = await run(panel(), [{ key: 'host', operator: '!=|', value: '', values: ['compute-1', 'compute-2'] }]);
    expect(not).toEqual(rest);
    expect(not.series.length + two.series.length).toBe(48);
    const either = "host = 'compute-1' or host = 'compute-3'";
    expect(await run(panel(either), [{ key: 'host', operator: '!=', value: 'compute-3' }])).toEqual(
      await run(panel("host = 'compute-1'"))
    );
  });

  it('aggregated panels too', async () => {
    const filter = [{ key: 'host', operator: '=', value: 'compute-2' }];
    const want = await run(panel("host = 'compute-2'", 'resource_aggregation'));
    expect(want.series).toHaveLength(1);
    expect(await run(panel('', 'resource_aggregation'), filter)).toEqual(want);
    expect(want).not.toEqual(await run(panel('', 'resource_aggregation')));
  });

  it('a hostile value never widens a panel: nothing matches, or a readable error', async () => {
    for (const value of [
      "compute-1' or host != 'x",
      'compute-1" or host != "x',
      '"}, {"!=": {"host": "x"}}, {"=": {"id": "',
    ]) {
      for (const search of ['', "flavor != 'none'", '{"!=": {"flavor": "none"}}']) {
        const got = await run(panel(search), [{ key: 'host', operator: '=', value }]);
        expect(got.series).toEqual([]);
      }
    }
    const both = await run(panel("flavor != 'none'"), [{ key: 'host', operator: '=', value: `a' or "b` }]);
    expect(both.error).toMatch(/both ' and "/);
    const key = await run(panel(), [{ key: "host = 'x' or id", operator: '=', value: 'a' }]);
    expect(key.error).toMatch(/not a resource attribute name/);
  });
});
