/**
 * Reliability catalogue, theme "faults mid-session": a data source that worked meets a revoked
 * token, Keystone down or silent while its token is due for renewal, Gnocchi going away and coming
 * back, a redirect appearing, a cancelled panel. The real Keystone + Gnocchi answer, behind
 * forwarding proxies of our own that fail on demand; the data source's clock is injected so that
 * a token can be "due" without waiting an hour.
 */
import type { GnocchiOptions, GnocchiQuery } from '../../../src/types';
import { loadSeed, passwordToken, Seed } from '../seed';
import {
  closeAll,
  dataSource,
  expectNoSecret,
  forward,
  Handler,
  Harness,
  query,
  redirect,
  reset,
  send,
  settles,
  shown,
  silent,
  StandIn,
  standIn,
  thrown,
} from './standin';

let seed: Seed;
let ks: StandIn;
let gn: StandIn;
let clock: number;
const HOUR = 3_600_000;

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
  endpoint: gn.url,
  timeout: 2,
  ...extra,
});

function session(extra: Partial<GnocchiOptions> = {}): Harness {
  return dataSource({ url: `${ks.url}/v3`, jsonData: keystoneMode(extra), now: () => clock });
}

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

/** One panel over the seeded data; returns the response after checking the deadline. */
async function panel(h: Harness, ms = 10_000) {
  const end = seed.measures.end_unix * 1000;
  const r = await settles(query(h, [LOAD], end - HOUR, end), ms);
  expectNoSecret(shown(r.value!), [seed.users.grafana.password, ...h.tokens]);
  return r.value!;
}

async function ok(h: Harness) {
  const res = await panel(h);
  expect(res.errors).toBeUndefined();
  expect(res.data).toHaveLength(4);
}

async function revoke(token: string) {
  const other = await passwordToken(seed, 'grafana');
  const res = await fetch(`${seed.urls.keystone}/v3/auth/tokens`, {
    method: 'DELETE',
    headers: { 'X-Auth-Token': other.token, 'X-Subject-Token': token },
  });
  expect(res.status).toBe(204);
}

/** keystonemiddleware's answer to a token it no longer accepts. */
const UNAUTHORIZED = JSON.stringify({
  error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' },
});
const refuse =
  (token: () => string): Handler =>
  (q, res, raw) =>
    q.headers['x-auth-token'] === token() ? send(res, 401, UNAUTHORIZED) : forward(seed.urls.gnocchi)(q, res, raw);

describe('tokens revoked or refused mid-session', () => {
  it('a Keystone token revoked mid-session (Gnocchi answers 401): renewed once, transparently', async () => {
    const h = session();
    await ok(h);
    const first = h.tokens[0];
    await revoke(first);
    gn.handler = refuse(() => first); // as Gnocchi does once its token cache forgets the token
    await ok(h);
    expect(h.count('Keystone')).toBe(2);
    expect(h.tokens[1]).not.toBe(first);
  });

  it('a token revoked right after it was issued: the real Gnocchi refuses it, the data source renews once', async () => {
    let revoked = false;
    ks.handler = async (q, res, raw) => {
      if (revoked) {
        await forward(seed.urls.keystone)(q, res, raw);
        return;
      }
      revoked = true;
      const issued = await passwordToken(seed, 'grafana');
      await revoke(issued.token);
      send(res, 201, JSON.stringify(issued.body), { 'X-Subject-Token': issued.token });
    };
    const h = session();
    await ok(h);
    expect(h.count('Keystone')).toBe(2);
    expect(h.count('Gnocchi')).toBe(2);
  });

  it('Gnocchi refuses even the new token: one retry, then an auth error, no loop', async () => {
    gn.handler = (_q, res) => send(res, 401, UNAUTHORIZED);
    const h = session();
    const res = await panel(h);
    expect(res.errors?.[0].message).toMatch(
      /^Gnocchi 401 Unauthorized: The request you have made requires authentication\. \(POST /
    );
    expect(h.count('Keystone')).toBe(2);
    expect(h.count('Gnocchi')).toBe(2);
    expect((await thrown(h.ds.client.request('GET', '/v1/resource_type'))).kind).toBe('auth');
  });

  it('a static token revoked in Keystone: says so and what to do', async () => {
    const t = await passwordToken(seed, 'grafana');
    await revoke(t.token);
    const h = dataSource({ url: seed.urls.gnocchi, jsonData: { mode: 'token', token: t.token } });
    const r = await settles(h.ds.testDatasource(), 10_000);
    expect(r.value).toMatchObject({
      status: 'error',
      message: expect.stringMatching(
        /^Gnocchi 401 Unauthorized: .*The static token was refused: it is wrong, expired or revoked\. Issue a new one/
      ),
    });
    expect(h.count('Gnocchi')).toBe(2); // the version document and the listing, no retry
    expectNoSecret(r.value, [t.token]);
  });

  it('a static token that stops working mid-session: every panel says so, nothing loops', async () => {
    const t = await passwordToken(seed, 'grafana');
    const h = dataSource({ url: gn.url, jsonData: { mode: 'token', token: t.token } });
    await ok(h);
    gn.handler = refuse(() => t.token);
    for (let i = 0; i < 3; i++) {
      const res = await panel(h);
      expect(res.errors?.[0].message).toMatch(/The static token was refused/);
      expectNoSecret(shown(res), [t.token]);
    }
    expect(h.count('Gnocchi')).toBe(4);
  });

  it('the password changed while the token was valid: the renewal after expiry is refused with the hint', async () => {
    const h = session();
    await ok(h);
    ks.handler = (_q, res) => send(res, 401, UNAUTHORIZED);
    clock += HOUR + 1_000;
    const res = await panel(h);
    expect(res.errors?.[0].message).toMatch(
      /^Keystone 401 Unauthorized: .* Check the user, password or application credential, and the project\./
    );
  });
});

describe('Keystone unavailable when the token is due for renewal', () => {
  it.each<[string, Handler, RegExp]>([
    ['down (connections reset)', reset, /^The browser could not reach Keystone at /],
    [
      'answering 503',
      (_q, res) => send(res, 503, '<html><body><h1>503 Service Unavailable</h1>maintenance</body></html>'),
      /^Keystone 503 Service Unavailable: maintenance\./,
    ],
    ['silent', silent, /^Keystone did not answer within 2 s/],
  ])(
    '%s: the still valid token keeps serving queries; only an expired token fails; recovery',
    async (_n, fault, expired) => {
      const h = session();
      await ok(h);
      ks.handler = fault;
      clock += HOUR - 60_000; // one minute left: inside the renewal margin
      const t0 = Date.now();
      await ok(h);
      await ok(h);
      expect(Date.now() - t0).toBeLessThan(1_900); // nobody waited for Keystone
      clock += 2_000; // before the backoff: no new attempt
      await ok(h);
      expect(h.count('Keystone')).toBe(2);
      clock += 60_000 + 1_000; // expired
      const res = await panel(h, 5_000);
      expect(res.errors?.[0].message).toMatch(expired);
      ks.handler = forward(seed.urls.keystone);
      await ok(h);
    }
  );

  it('an expired token with Keystone up: renewed before the query, once', async () => {
    const h = session();
    await ok(h);
    clock += HOUR + 1_000;
    await ok(h);
    expect(h.count('Keystone')).toBe(2);
  });
});

describe('Gnocchi faults mid-session', () => {
  it.each<[string, Handler, string, RegExp]>([
    [
      'goes down (connections reset)',
      reset,
      'network',
      /^The browser could not reach Gnocchi at http:\/\/127\.0\.0\.1:\d+\/v1\//,
    ],
    ['answers 503 without body', (_q, res) => send(res, 503), 'http', /^Gnocchi 503 Service Unavailable\. \(POST /],
    ['goes silent', silent, 'timeout', /^Gnocchi did not answer within 2 s \(POST /],
    [
      'starts redirecting to https',
      redirect(301, (q) => `https://gnocchi.example.com${q.url}`),
      'redirect',
      /^Gnocchi redirected to https:\/\/gnocchi\.example\.com\/v1\/.*; use that URL: set the Gnocchi URL setting to https:\/\/gnocchi\.example\.com /,
    ],
    [
      'cuts answers off',
      (q, res, raw) => {
        res.writeHead(200, { 'Content-Length': '5000' });
        res.write('[{"id"');
        setTimeout(() => raw.socket.destroy(), 20);
      },
      'network',
      /^Gnocchi's answer \(200\) was cut off/,
    ],
  ])('%s: a clear error, no re-authentication; then it recovers', async (_n, fault, kind, message) => {
    const h = session();
    await ok(h);
    gn.handler = fault;
    const res = await panel(h, 5_000);
    expect(res.errors?.[0].message).toMatch(message);
    expect((await thrown(h.ds.client.request('GET', '/v1/resource_type'), 5_000)).kind).toBe(kind);
    gn.handler = forward(seed.urls.gnocchi);
    await ok(h);
    expect(h.count('Keystone')).toBe(1);
  });

  it('a cancelled request (panel closed) ends at once as cancelled, without a panel error', async () => {
    const h = session();
    await ok(h);
    gn.handler = silent;
    const abort = new AbortController();
    const p = h.ds.client.request('GET', '/v1/resource_type', { signal: abort.signal });
    setTimeout(() => abort.abort(), 100);
    const e = await thrown(p, 1_000);
    expect(e.kind).toBe('cancelled');
  });
});
