/**
 * The real stack (stack/up.sh): CORS on both services for the Grafana origin only, the token
 * header exposed, password and application-credential tokens accepted by Gnocchi, the seeded
 * values, and project isolation.
 */
import {
  ALLOWED_ORIGIN,
  appCredentialToken,
  gnocchi,
  keystoneV3,
  loadSeed,
  OTHER_ORIGIN,
  passwordToken,
  preflight,
  Seed,
  seedValue,
} from './seed';

let seed: Seed;
let token: string;

beforeAll(async () => {
  seed = loadSeed();
  token = (await passwordToken(seed, 'grafana')).token;
});

describe('CORS', () => {
  it('Keystone accepts the preflight of POST /v3/auth/tokens from the Grafana origin', async () => {
    const res = await preflight(`${keystoneV3(seed)}/auth/tokens`, ALLOWED_ORIGIN, 'POST', 'content-type');
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('Gnocchi accepts the preflight of POST /v1/aggregates with X-Auth-Token from the Grafana origin', async () => {
    const res = await preflight(
      `${seed.urls.gnocchi}/v1/aggregates`,
      ALLOWED_ORIGIN,
      'POST',
      'content-type,x-auth-token'
    );
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-auth-token');
  });

  it.each([
    ['Keystone', (s: Seed) => `${keystoneV3(s)}/auth/tokens`, 'content-type'],
    ['Gnocchi', (s: Seed) => `${s.urls.gnocchi}/v1/aggregates`, 'content-type,x-auth-token'],
  ])('%s rejects another origin (no Access-Control-Allow-Origin)', async (_name, url, headers) => {
    const res = await preflight(url(seed), OTHER_ORIGIN, 'POST', headers);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("rejects a header Grafana's backendSrv would add (X-Grafana-Device-Id)", async () => {
    const res = await preflight(
      `${seed.urls.gnocchi}/v1/aggregates`,
      ALLOWED_ORIGIN,
      'POST',
      'content-type,x-auth-token,x-grafana-device-id'
    );
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('Keystone exposes X-Subject-Token to the Grafana origin; Gnocchi exposes Link', async () => {
    const { res } = await passwordToken(seed, 'grafana', { Origin: ALLOWED_ORIGIN });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Subject-Token/i);
    const gn = await fetch(`${seed.urls.gnocchi}/v1/resource/generic`, {
      headers: { 'X-Auth-Token': token, Origin: ALLOWED_ORIGIN, Accept: 'application/json' },
    });
    await gn.arrayBuffer();
    expect(gn.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(gn.headers.get('access-control-expose-headers')).toMatch(/Link/i);
  });
});

describe('Keystone tokens against Gnocchi', () => {
  it('a password token lists the demo resources and its catalog points at the public Gnocchi URL', async () => {
    const { body } = await passwordToken(seed, 'grafana');
    const metric = body.token.catalog.find((s: { type: string }) => s.type === 'metric');
    const pub = metric.endpoints.find((e: { interface: string }) => e.interface === 'public');
    expect(pub.url.replace(/\/+$/, '')).toBe(seed.urls.gnocchi.replace(/\/+$/, ''));
    const r = await gnocchi(seed, token, '/v1/resource/demo_instance?limit=1000');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(48);
  });

  it('an application-credential token (no scope sent) is scoped to the demo project and works', async () => {
    const ac = await appCredentialToken(seed);
    expect(ac.res.status).toBe(201);
    expect(ac.body.token.project.id).toBe(seed.projects['grafana-demo']);
    const r = await gnocchi(seed, ac.token, '/v1/resource/demo_host');
    expect(r.status).toBe(200);
    expect(r.body.map((x: { name: string }) => x.name).sort()).toEqual([
      'compute-1',
      'compute-2',
      'compute-3',
      'compute-4',
    ]);
  });

  it('a wrong password is a 401 with Keystone JSON error', async () => {
    const res = await fetch(`${keystoneV3(seed)}/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'grafana', domain: { id: 'default' }, password: 'nope' } },
          },
        },
      }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe(401);
  });
});

describe('seeded data', () => {
  it('has the deterministic fixed metric: 60 s means 1..10, hourly mean 5.5', async () => {
    const r = await gnocchi(
      seed,
      token,
      `/v1/metric/${seed.fixed.metric_id}/measures?start=2024-01-01T00:00:00Z&stop=2024-01-01T01:00:00Z`
    );
    expect(r.status).toBe(200);
    const hourly = r.body.filter((m: [string, number, number]) => m[1] === 3600);
    const minutes = r.body.filter((m: [string, number, number]) => m[1] === 60);
    expect(hourly).toEqual([['2024-01-01T00:00:00+00:00', 3600, 5.5]]);
    expect(minutes.map((m: [string, number, number]) => m[2])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('has at least a day of 5-minute cpu_util points following the seed formula', async () => {
    const vm = seed.resources['vm-001'];
    const end = seed.measures.end_unix;
    const start = end - 86400;
    const r = await gnocchi(
      seed,
      token,
      `/v1/metric/${vm.metrics.cpu_util}/measures?granularity=60&start=${start}&stop=${end + 1}`
    );
    expect(r.status).toBe(200);
    expect(r.body.length).toBeGreaterThanOrEqual(86400 / 300);
    for (const [ts, , v] of r.body.slice(0, 50)) {
      expect(v).toBeCloseTo(seedValue('cpu_util', vm.index, Date.parse(ts) / 1000), 6);
    }
  });

  it('has at least 50 resources with typed attributes', async () => {
    const admin = (await passwordToken(seed, 'admin')).token;
    const r = await gnocchi(seed, admin, '/v1/resource/generic?limit=1000');
    expect(r.body.length).toBeGreaterThanOrEqual(50);
    const types = await gnocchi(seed, admin, '/v1/resource_type');
    const instance = types.body.find((t: { name: string }) => t.name === 'demo_instance');
    expect(Object.keys(instance.attributes).sort()).toEqual(['display_name', 'flavor', 'host', 'vcpus']);
  });
});

describe('project isolation (RBAC)', () => {
  it("a user of the other project sees only its own resources, never the demo project's", async () => {
    const other = (await passwordToken(seed, 'other')).token;
    const r = await gnocchi(seed, other, '/v1/resource/demo_instance');
    expect(r.status).toBe(200);
    expect(r.body.map((x: { host: string }) => x.host)).toEqual(['compute-9', 'compute-9', 'compute-9']);
    const search = await gnocchi(seed, other, '/v1/search/resource/demo_instance', {
      method: 'POST',
      body: { '=': { host: 'compute-1' } },
    });
    expect(search.body).toEqual([]);
    const measures = await gnocchi(seed, other, `/v1/metric/${seed.resources['vm-001'].metrics.cpu_util}/measures`);
    expect(measures.status).toBe(403);
  });

  it('the demo user does not see the other project', async () => {
    const r = await gnocchi(seed, token, '/v1/search/resource/demo_instance', {
      method: 'POST',
      body: { '=': { host: 'compute-9' } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual([]);
  });
});
