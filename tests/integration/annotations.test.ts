/**
 * Lifecycle annotations against the real stack: the seed's resources (started_at, no ended_at), the
 * cloud seed's deleted volumes (stack/seed_cloud.py: started_at and ended_at, in both projects), and
 * resources of a resource type created here (admin) with started_at / ended_at inside and outside
 * the range, one of them ended by a PATCH; deleted afterwards. The time range is searched by
 * Gnocchi: only matching resources come back.
 */
import { DataFrame, DataQueryRequest, dateTime } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { fetchTransport, HttpRequest, Transport } from '../../src/http/transport';
import { prepareQuery } from '../../src/annotations/support';
import type { GnocchiAnnotationQuery, GnocchiQuery } from '../../src/types';
import { gnocchi, loadSeed, passwordToken, Seed } from './seed';
import { stackDataSource } from './stackDataSource';

const T0 = Date.UTC(2024, 0, 1);
const H = 3_600_000;
const TYPE = `anno_test_${process.pid}_${Date.now()}`;
const at = (ms: number) => new Date(ms).toISOString();

let seed: Seed;
let admin: string;
const ids: Record<string, string> = {};
const sent: HttpRequest[] = [];

function dataSource() {
  const transport: Transport = (req) => {
    sent.push(req);
    return fetchTransport(req);
  };
  return stackDataSource(seed, { transport, vars: { host: 'h1' } });
}

async function annotations(target: Partial<GnocchiAnnotationQuery>, fromMs = T0, toMs = T0 + 6 * H) {
  const q = prepareQuery({ name: 'a', enable: true, iconColor: 'red', target: target as GnocchiQuery })!;
  const from = dateTime(fromMs);
  const to = dateTime(toMs);
  const request = {
    requestId: 'anno',
    interval: '1m',
    intervalMs: 60_000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets: [{ ...q, refId: 'Anno' }],
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
  } as DataQueryRequest<GnocchiQuery>;
  const res = await lastValueFrom(dataSource().query(request));
  if (res.errors?.length) {
    throw new Error(res.errors[0].message);
  }
  const frame: DataFrame = res.data[0];
  const col = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
  return col('time').map((t: number, i: number) => ({
    time: t,
    timeEnd: col('timeEnd')[i],
    title: col('title')[i],
    tags: col('tags')[i],
  }));
}

beforeAll(async () => {
  seed = loadSeed();
  admin = (await passwordToken(seed, 'admin')).token;
  const attrs = { display_name: { type: 'string', required: true }, host: { type: 'string', required: false } };
  const created = await gnocchi(seed, admin, '/v1/resource_type', {
    method: 'POST',
    body: { name: TYPE, attributes: attrs },
  });
  expect(created.status).toBe(201);
  const make = async (name: string, host: string, started: number, ended?: number) => {
    const body = {
      id: `${TYPE}-${name}`,
      display_name: name,
      host,
      project_id: seed.projects['grafana-demo'],
      started_at: at(started),
      ...(ended !== undefined ? { ended_at: at(ended) } : {}),
    };
    const r = await gnocchi(seed, admin, `/v1/resource/${TYPE}`, { method: 'POST', body });
    expect(r.status).toBe(201);
    ids[name] = r.body.id;
  };
  await make('web-01', 'h1', T0 + H); // ended below by a PATCH, at T0 + 3h
  await make('web-02', 'h2', T0 + 2 * H); // alive
  await make('db-01', 'h1', T0 - 24 * H, T0 + 5 * H); // created before the range, deleted in it
  await make('old-01', 'h1', T0 - 48 * H, T0 - 24 * H); // entirely before the range
  const ended = await gnocchi(seed, admin, `/v1/resource/${TYPE}/${ids['web-01']}`, {
    method: 'PATCH',
    body: { ended_at: at(T0 + 3 * H) },
  });
  expect(ended.status).toBe(200);
});

afterAll(async () => {
  for (const id of Object.values(ids)) {
    await gnocchi(seed, admin, `/v1/resource/${TYPE}/${id}`, { method: 'DELETE' });
  }
  await gnocchi(seed, admin, `/v1/resource_type/${TYPE}`, { method: 'DELETE' });
});

describe('lifecycle annotations on the real stack', () => {
  it("the seed's resources: created events (they have no ended_at)", async () => {
    const events = await annotations(
      { resource_type: 'demo_host', event: 'both', title: '$name $event', tags: 'rack' },
      Date.now() - 365 * 24 * H,
      Date.now()
    );
    expect(events.map((e) => e.title).sort()).toEqual(
      ['compute-1', 'compute-2', 'compute-3', 'compute-4'].map((n) => `${n} created`)
    );
    expect(events.map((e) => e.tags[0]).sort()).toEqual(['rack-A', 'rack-A', 'rack-B', 'rack-B']);
  });

  it('created and deleted points in the range, in time order (string search with a variable)', async () => {
    const events = await annotations({
      resource_type: TYPE,
      resource_search: 'host = $host',
      title: '$display_name $event',
    });
    expect(events.map((e) => [(e.time - T0) / H, e.title])).toEqual([
      [1, 'web-01 created'],
      [3, 'web-01 deleted'],
      [5, 'db-01 deleted'],
    ]);
    const gnocchiSearches = sent.filter(
      (r) => r.service === 'Gnocchi' && r.url.includes(`/v1/search/resource/${TYPE}`)
    );
    expect(decodeURIComponent(gnocchiSearches[gnocchiSearches.length - 1].url)).toContain(
      "filter=host = 'h1' and (started_at >= "
    );
  });

  it('created only, deleted only (JSON search)', async () => {
    const created = await annotations({ resource_type: TYPE, event: 'created', title: '$display_name' });
    expect(created.map((e) => e.title)).toEqual(['web-01', 'web-02']);
    const deleted = await annotations({
      resource_type: TYPE,
      event: 'deleted',
      resource_search: '{"like": {"display_name": "%-01"}}',
      title: '$display_name',
    });
    expect(deleted.map((e) => e.title)).toEqual(['web-01', 'db-01']);
  });

  it('regions: started_at → ended_at, alive resources to the end of the range; outside the range: none', async () => {
    const regions = await annotations({ resource_type: TYPE, event: 'region', title: '$display_name' });
    expect(regions.map((e) => [e.title, (e.time - T0) / H, (e.timeEnd - T0) / H])).toEqual([
      ['db-01', -24, 5],
      ['web-01', 1, 3],
      ['web-02', 2, 6],
    ]);
  });
});

interface CloudVolume {
  display_name: string;
  owner: string;
  volume_type: string;
  started_at?: string | null;
  ended_at?: string | null;
}

describe('lifecycle annotations of the seeded cloud: deleted volumes', () => {
  let deleted: CloudVolume[];
  let mine: CloudVolume[];
  let fromMs: number;
  let toMs: number;
  const names = (vs: CloudVolume[]) => vs.map((v) => v.display_name);
  const ms = (iso: string | null | undefined) => Date.parse(String(iso));

  beforeAll(() => {
    const cloud = (seed as unknown as { cloud?: { volumes: Record<string, CloudVolume> } }).cloud;
    expect(cloud).toBeDefined();
    deleted = Object.values(cloud!.volumes).filter((v) => v.ended_at);
    mine = deleted.filter((v) => v.owner === 'grafana');
    // both projects have deleted volumes, each lived (started_at < ended_at)
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(deleted.some((v) => v.owner === 'other')).toBe(true);
    for (const v of deleted) {
      expect(ms(v.started_at)).toBeLessThan(ms(v.ended_at));
    }
    // the range of their lives (the seed's own times: cold-start relative, kept by warm starts)
    fromMs = Math.min(...deleted.map((v) => ms(v.started_at))) - H;
    toMs = Math.max(...deleted.map((v) => ms(v.ended_at))) + H / 2;
  });

  it("deleted events: the project's volumes at their ended_at, in time order; another project's never", async () => {
    const events = await annotations(
      { resource_type: 'volume', event: 'deleted', title: '$display_name $event', tags: 'volume_type' },
      fromMs,
      toMs
    );
    const want = [...mine].sort((a, b) => ms(a.ended_at) - ms(b.ended_at));
    expect(events.map((e) => [e.time, e.title, e.tags])).toEqual(
      want.map((v) => [ms(v.ended_at), `${v.display_name} deleted`, [v.volume_type]])
    );
    expect(events.map((e) => e.title).join()).not.toContain('old-scratch');
  });

  it('a deleted event outside the range is not returned (Gnocchi searches ended_at in the range)', async () => {
    const last = [...mine].sort((a, b) => ms(b.ended_at) - ms(a.ended_at))[0];
    const events = await annotations(
      { resource_type: 'volume', event: 'deleted', title: '$display_name' },
      fromMs,
      ms(last.ended_at) - 1000
    );
    expect(events.map((e) => e.title)).toEqual(
      names(mine.filter((v) => v !== last).sort((a, b) => ms(a.ended_at) - ms(b.ended_at)))
    );
  });

  it('both events of one deleted volume (string search), and regions started_at → ended_at (JSON search)', async () => {
    const v = mine[0];
    const both = await annotations(
      { resource_type: 'volume', resource_search: `display_name = '${v.display_name}'`, title: '$display_name $event' },
      fromMs,
      toMs
    );
    expect(both.map((e) => [e.time, e.title])).toEqual([
      [ms(v.started_at), `${v.display_name} created`],
      [ms(v.ended_at), `${v.display_name} deleted`],
    ]);
    const regions = await annotations(
      {
        resource_type: 'volume',
        event: 'region',
        resource_search: JSON.stringify({ in: { display_name: names(mine) } }),
        title: '$display_name',
      },
      fromMs,
      toMs
    );
    const want = [...mine].sort((a, b) => ms(a.started_at) - ms(b.started_at));
    expect(regions.map((e) => [e.title, e.time, e.timeEnd])).toEqual(
      want.map((x) => [x.display_name, ms(x.started_at), ms(x.ended_at)])
    );
  });
});
