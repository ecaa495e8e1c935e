/**
 * Reliability catalogue, theme "load": many panels at once. One token request however many
 * concurrent queries (first login, expiry, renewal in the margin with Keystone down, a revoked
 * token), bounded failure when Gnocchi is silent, and every one of 200 queries getting the same
 * clear error when Keystone refuses.
 */
import type { DataQueryResponse } from '@grafana/data';

import type { GnocchiOptions, GnocchiQuery } from '../../../src/types';
import { loadSeed, Seed } from '../seed';
import {
  closeAll,
  dataSource,
  expectNoSecret,
  forward,
  Harness,
  keystoneToken,
  query,
  send,
  settles,
  shown,
  silent,
  StandIn,
  standIn,
} from './standin';

const N = 200;
const HOUR = 3_600_000;
let seed: Seed;
let ks: StandIn;
let gn: StandIn;
let clock: number;

beforeAll(async () => {
  seed = loadSeed();
  ks = await standIn(forward(seed.urls.keystone));
  gn = await standIn(forward(seed.urls.gnocchi));
});
afterAll(closeAll);
beforeEach(() => {
  ks.handler = forward(seed.urls.keystone);
  gn.handler = forward(seed.urls.gnocchi);
  clock = Date.now();
});

const keystoneMode = (extra: Partial<GnocchiOptions> = {}): GnocchiOptions => ({
  mode: 'keystone',
  username: 'grafana',
  password: seed.users.grafana.password,
  project: 'grafana-demo',
  ...extra,
});

// An explicit granularity: no archive-policy look-up before the panel's request, so the requests
// counted here are the panel's own (look-up failures: src/query/granularityPlan.test.ts).
const LOAD: GnocchiQuery = {
  refId: 'A',
  queryVersion: 2,
  queryMode: 'resource_search',
  resource_type: 'demo_host',
  metric_name: 'load',
  granularity: '60',
};

/** N panels at once, each its own query() (as a dashboard's panels are). */
async function panels(h: Harness, n = N, deadlineMs = 60_000): Promise<DataQueryResponse[]> {
  const end = seed.measures.end_unix * 1000;
  const r = await settles(Promise.all(Array.from({ length: n }, () => query(h, [LOAD], end - HOUR, end))), deadlineMs);
  for (const res of r.value!) {
    expectNoSecret(shown(res), [seed.users.grafana.password, ...h.tokens]);
  }
  return r.value!;
}

const allOk = (rs: DataQueryResponse[]) => {
  expect(rs.filter((r) => r.errors)).toEqual([]);
  expect(rs.every((r) => r.data.length === 4)).toBe(true);
};

describe(`${N} concurrent panels`, () => {
  it('against the real stack: one Keystone request', async () => {
    const h = dataSource({ url: `${seed.urls.keystone}/v3`, jsonData: keystoneMode() });
    allOk(await panels(h));
    expect(h.count('Keystone')).toBe(1);
    expect(h.count('Gnocchi')).toBe(N);
  });

  it(`one dashboard request with ${N} targets: one Keystone request`, async () => {
    const h = dataSource({ url: `${seed.urls.keystone}/v3`, jsonData: keystoneMode() });
    const end = seed.measures.end_unix * 1000;
    const targets = Array.from({ length: N }, (_, i) => ({ ...LOAD, refId: `Q${i}` }));
    const r = await settles(query(h, targets, end - HOUR, end), 60_000);
    expect(r.value!.errors).toBeUndefined();
    expect(r.value!.data).toHaveLength(4 * N);
    expect(h.count('Keystone')).toBe(1);
  });

  it('with a slow Keystone (500 ms): still one token request', async () => {
    ks.handler = (q, res, raw) => setTimeout(() => forward(seed.urls.keystone)(q, res, raw), 500);
    const h = dataSource({ url: `${ks.url}/v3`, jsonData: keystoneMode() });
    allOk(await panels(h));
    expect(h.count('Keystone')).toBe(1);
  });

  it('after the token expired: one renewal', async () => {
    const h = dataSource({ url: `${ks.url}/v3`, jsonData: keystoneMode(), now: () => clock });
    allOk(await panels(h, 1));
    clock += HOUR + 1_000;
    allOk(await panels(h));
    expect(h.count('Keystone')).toBe(2);
  });

  it('inside the renewal margin with Keystone down: all served by the valid token, one renewal attempt', async () => {
    const h = dataSource({ url: `${ks.url}/v3`, jsonData: keystoneMode(), now: () => clock });
    allOk(await panels(h, 1));
    ks.handler = (_q, _res, raw) => raw.socket.destroy();
    clock += HOUR - 60_000;
    allOk(await panels(h));
    expect(h.count('Keystone')).toBe(2);
  });

  it('a token Gnocchi starts refusing: one re-authentication for all', async () => {
    const h = dataSource({ url: `${ks.url}/v3`, jsonData: keystoneMode({ endpoint: gn.url }) });
    allOk(await panels(h, 1));
    const old = h.tokens[0];
    gn.handler = (q, res, raw) =>
      q.headers['x-auth-token'] === old
        ? send(
            res,
            401,
            JSON.stringify({ error: { code: 401, message: 'The request you have made requires authentication.' } })
          )
        : forward(seed.urls.gnocchi)(q, res, raw);
    allOk(await panels(h));
    expect(h.count('Keystone')).toBe(2);
    expect(h.count('Gnocchi')).toBe(1 + 2 * N);
  });

  it('Keystone refusing the password: one request, the same clear error on every panel', async () => {
    ks.handler = (_q, res) =>
      send(
        res,
        401,
        JSON.stringify({ error: { code: 401, message: 'The request you have made requires authentication.' } })
      );
    const h = dataSource({ url: `${ks.url}/v3`, jsonData: keystoneMode() });
    const rs = await panels(h, N, 10_000);
    expect(new Set(rs.map((r) => r.errors?.[0].message))).toEqual(
      new Set([
        `Keystone 401 Unauthorized: The request you have made requires authentication. Check the user, password or application credential, and the project. (POST ${ks.url}/v3/auth/tokens)`,
      ])
    );
    expect(h.count('Keystone')).toBe(1);
    expect(h.count('Gnocchi')).toBe(0);
  });

  it('a silent Gnocchi: all end as timeouts within the bound', async () => {
    gn.handler = silent;
    const keystone = await standIn(keystoneToken(gn.url));
    const h = dataSource({ url: `${keystone.url}/v3`, jsonData: keystoneMode({ password: 'x-password', timeout: 1 }) });
    const start = Date.now();
    const rs = await panels(h, N, 5_000);
    expect(Date.now() - start).toBeLessThan(4_000);
    expect(rs.every((r) => /^Gnocchi did not answer within 1 s \(POST /.test(r.errors?.[0].message ?? ''))).toBe(true);
    expect(h.count('Keystone')).toBe(1);
    await keystone.close();
  });
});
