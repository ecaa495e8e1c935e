import { recorder, response, tokenResponse } from '../__mocks__/transport';
import { GnocchiClient } from '../client';
import type { ClientSettings } from '../auth/connection';
import { networkError, timeoutError } from '../http/errors';
import type { HttpRequest, HttpResponse } from '../http/transport';
import type { GnocchiOptions } from '../types';
import { diagnose } from './diagnose';
import type { Probe, ProbeResult } from './steps';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const KS = 'http://keystone:5000/v3';
const GN = 'http://gnocchi:8041';
const ORIGIN = 'http://grafana.test:3000';
const PASSWORD = 'pw-Secret-123';

const passwordMode: GnocchiOptions = {
  mode: 'keystone',
  username: 'grafana',
  password: PASSWORD,
  project: 'demo',
  domain: 'default',
};

const ROOT = response(200, { build: '4.4.2', versions: [] });
const TYPES = response(200, [{ name: 'generic' }, { name: 'instance' }]);

type Answer = HttpResponse | Error;

/** Keystone answers `ks`, Gnocchi's root `root`, its listing `list` (an Error is thrown). */
function setup(
  opts: {
    jsonData?: GnocchiOptions;
    url?: string;
    access?: 'direct' | 'proxy';
    ks?: Answer | ((req: HttpRequest) => Answer);
    root?: Answer;
    list?: Answer;
    probe?: ProbeResult;
  } = {}
) {
  const rec = recorder((req: HttpRequest) => {
    const a =
      req.service === 'Keystone'
        ? typeof opts.ks === 'function'
          ? opts.ks(req)
          : (opts.ks ?? tokenResponse('tok-1', GN, NOW))
        : req.url.endsWith('/v1/resource_type')
          ? (opts.list ?? TYPES)
          : (opts.root ?? ROOT);
    if (a instanceof Error) {
      throw a;
    }
    return a;
  });
  const settings: ClientSettings = {
    url: opts.url ?? KS,
    jsonData: opts.jsonData ?? passwordMode,
    access: opts.access ?? 'direct',
  };
  const client = new GnocchiClient(settings, rec.transport, () => NOW);
  const probed: string[] = [];
  const probe: Probe = async (url) => {
    probed.push(url);
    return opts.probe ?? 'unknown';
  };
  const run = () => diagnose(client, { probe, origin: ORIGIN, now: () => NOW });
  return { ...rec, client, probed, run };
}

const names = (r: Awaited<ReturnType<typeof diagnose>>) => r.details.steps.map((s) => `${s.status} ${s.name}`);

describe('Save & test diagnosis: success', () => {
  it('Keystone password, endpoint from the catalog: what was found', async () => {
    const h = setup();
    const r = await h.run();
    expect(r.status).toBe('success');
    expect(r.message).toBe('Keystone authentication OK. Gnocchi 4.4.2 at http://gnocchi:8041: 2 resource types.');
    expect(names(r)).toEqual([
      'ok Settings',
      'ok Keystone reachable',
      'ok Keystone answers with CORS',
      'ok Token obtained',
      'ok X-Subject-Token readable',
      'ok Gnocchi endpoint',
      'ok Gnocchi reachable',
      'ok Gnocchi answers with CORS',
      'ok Authenticated listing',
    ]);
    expect(r.details.message).toBe(
      [
        'Gnocchi 4.4.2, 2 resource types.',
        'Auth mode: Keystone password, browser access.',
        'Endpoint: http://gnocchi:8041, from Keystone\'s catalog (the public "metric" endpoint).',
        'Keystone token expires at 2026-01-01T13:00:00Z (in 60 min; renewed automatically).',
      ].join('\n')
    );
    expect(h.requests.map((q) => `${q.method} ${q.url}`)).toEqual([
      `POST ${KS}/auth/tokens`,
      `GET ${GN}/`,
      `GET ${GN}/v1/resource_type`,
    ]);
    expect(h.probed).toEqual([]);
    // the token stays cached for the queries that follow
    await h.client.request('GET', '/v1/resource');
    expect(h.count('Keystone')).toBe(1);
  });

  it('an explicit Gnocchi URL is named as the source, not the catalog', async () => {
    const r = await setup({ jsonData: { ...passwordMode, endpoint: 'http://other:8041/' } }).run();
    expect(r.message).toBe('Keystone authentication OK. Gnocchi 4.4.2 at http://other:8041: 2 resource types.');
    expect(r.details.message).toContain(
      "Endpoint: http://other:8041, from the Gnocchi URL setting (Keystone's catalog is not used)."
    );
  });

  it('no auth: the Gnocchi steps only, no Keystone request', async () => {
    const h = setup({ url: GN, jsonData: { mode: 'noauth' }, root: response(404, 'not here') });
    const r = await h.run();
    expect(r).toMatchObject({ status: 'success', message: 'Gnocchi at http://gnocchi:8041: 2 resource types.' });
    expect(names(r)).toEqual([
      'ok Settings',
      'ok Gnocchi endpoint',
      'ok Gnocchi reachable',
      'ok Gnocchi answers with CORS',
      'ok Authenticated listing',
    ]);
    expect(h.count('Keystone')).toBe(0);
  });

  it('server access: no CORS steps, no X-Subject-Token step', async () => {
    const h = setup({
      url: '/api/datasources/proxy/uid/x',
      access: 'proxy',
      jsonData: { mode: 'keystone', keystoneUrl: KS, endpoint: GN },
    });
    const r = await h.run();
    expect(r.status).toBe('success');
    expect(names(r)).toEqual([
      'ok Settings',
      'ok Keystone reachable',
      'ok Token obtained',
      'ok Gnocchi endpoint',
      'ok Gnocchi reachable',
      'ok Authenticated listing',
    ]);
    expect(r.details.message).toContain('server access');
  });
});

describe('Save & test diagnosis: settings', () => {
  it('an incomplete setting stops before any request', async () => {
    const h = setup({ jsonData: { ...passwordMode, password: '' } });
    const r = await h.run();
    expect(r).toMatchObject({ status: 'error', message: 'Set the Keystone password' });
    expect(names(r)).toEqual(['failed Settings']);
    expect(h.requests).toHaveLength(0);
  });
});

describe('Save & test diagnosis: Keystone reachable, or blocked by CORS', () => {
  const down = networkError('Keystone', 'POST', `${KS}/auth/tokens`, ORIGIN);

  it('nothing answers (the no-cors probe fails too): unreachable, not CORS', async () => {
    const h = setup({ ks: down, probe: 'no-answer' });
    const r = await h.run();
    expect(h.probed).toEqual([`${KS}/auth/tokens`]);
    expect(names(r)).toEqual(['ok Settings', 'failed Keystone reachable']);
    expect(r.message).toBe(
      `The browser could not reach Keystone at ${KS}/auth/tokens from ${ORIGIN} (POST): nothing answers there, so Keystone is down or the URL is wrong (host or port). It is not CORS: a no-cors request got no answer either.`
    );
    expect(r.details.verboseMessage).toMatch(/does not tell: whether the connection was refused/);
  });

  it('Keystone answers a no-cors request: CORS, with the exact lines for this origin', async () => {
    const r = await setup({ ks: down, probe: 'answered' }).run();
    expect(names(r)).toEqual(['ok Settings', 'ok Keystone reachable', 'failed Keystone answers with CORS']);
    expect(r.message).toMatch(/The usual cause is CORS, and it is the cause here: Keystone answers/);
    expect(r.message).toContain(`Add ${ORIGIN} to [cors] allowed_origin of Keystone`);
    expect(r.details.message).toContain(
      `Add to /etc/keystone/keystone.conf:\n\n[cors]\nallowed_origin = ${ORIGIN}\nexpose_headers = X-Subject-Token\n`
    );
    expect(r.details.message).toContain('Keystone reads [cors] only from its default config locations');
  });

  it('the probe cannot tell: the plain message, and that it is not knowable', async () => {
    const r = await setup({ ks: down, probe: 'unknown' }).run();
    expect(r.message).toBe(down.message);
    expect(r.details.message).toMatch(
      /^Whether Keystone is down or refuses http:\/\/grafana\.test:3000 by CORS is not knowable/
    );
  });

  it('a timeout is not probed', async () => {
    const h = setup({ ks: timeoutError('Keystone', 'POST', `${KS}/auth/tokens`, 30) });
    const r = await h.run();
    expect(names(r)).toEqual(['ok Settings', 'failed Keystone reachable']);
    expect(r.message).toMatch(/^Keystone did not answer within 30 s/);
    expect(h.probed).toEqual([]);
  });

  it("server access: Grafana's proxy cannot reach Keystone (502)", async () => {
    const h = setup({
      url: '/api/datasources/proxy/uid/x',
      access: 'proxy',
      jsonData: { mode: 'keystone', keystoneUrl: KS, endpoint: GN },
      ks: response(502, 'Bad Gateway'),
    });
    const r = await h.run();
    expect(names(r)).toEqual(['ok Settings', 'failed Keystone reachable']);
    expect(r.details.message).toMatch(/reachable from the Grafana server/);
    expect(h.probed).toEqual([]);
  });

  it('a URL that is not Keystone (a web server 404 page)', async () => {
    const r = await setup({ ks: response(404, '<html><title>Not Found</title></html>') }).run();
    expect(names(r)).toEqual(['ok Settings', 'failed Keystone reachable']);
    expect(r.message).toMatch(/^Keystone 404 Not Found.*Is this Keystone\?/);
  });
});

describe('Save & test diagnosis: token obtained', () => {
  const refused = (message: string, status = 401) =>
    response(status, { error: { code: status, message, title: 'Unauthorized' } });

  const generic = refused('The request you have made requires authentication.');

  it("Keystone's usual 401, and the same user and password refused without a project: the credentials", async () => {
    const h = setup({ ks: generic });
    const r = await h.run();
    expect(names(r)).toEqual([
      'ok Settings',
      'ok Keystone reachable',
      'ok Keystone answers with CORS',
      'failed Token obtained',
    ]);
    expect(r.message).toBe(
      `Keystone 401 Unauthorized: The request you have made requires authentication. Check the user, password or application credential, and the project. (POST ${KS}/auth/tokens)`
    );
    expect(r.details.message).toMatch(/^Wrong password, unknown user or disabled user: Keystone refuses/);
    // the second request: the same user and password, without a project
    expect(h.requests).toHaveLength(2);
    const second = JSON.parse(h.requests[1].body!);
    expect(second.auth.scope).toBeUndefined();
    expect(second.auth.identity.password.user).toEqual({
      name: 'grafana',
      domain: { id: 'default' },
      password: PASSWORD,
    });
  });

  it('a token without a project but not with it: the project, and the projects the user has', async () => {
    const h = setup({
      ks: (req) =>
        req.method === 'GET'
          ? response(200, { projects: [{ name: 'grafana-demo' }, { name: 'ops' }] })
          : JSON.parse(req.body!).auth.scope
            ? generic
            : tokenResponse('unscoped-tok', GN, NOW),
    });
    const r = await h.run();
    expect(r.details.message).toBe(
      'Project refused: The user name and password are right (Keystone issues a token without a project), but not for project "demo": it does not exist in that project domain, or the user has no role on it. Projects this user has a role on: grafana-demo, ops.'
    );
    expect(h.requests[2]).toMatchObject({
      method: 'GET',
      url: `${KS}/auth/projects`,
      headers: { 'X-Auth-Token': 'unscoped-tok' },
    });
    expect(JSON.stringify(r)).not.toContain('unscoped-tok');
  });

  it('without a project to leave out: every possible cause, and where to find it', async () => {
    const h = setup({ jsonData: { ...passwordMode, project: undefined }, ks: generic });
    const r = await h.run();
    expect(h.requests).toHaveLength(1);
    expect(r.details.message).toMatch(
      /a wrong password, an unknown user or project .* a user without a role on the project, or a disabled user/
    );
    expect(r.details.message).toMatch(/insecure_debug = true/);
  });

  it('an application credential refused: its own possible causes', async () => {
    const r = await setup({
      url: KS,
      jsonData: { mode: 'application_credential', appCredentialId: 'ac1', appCredentialSecret: 'ac-Secret-9' },
      ks: refused('The request you have made requires authentication.'),
    }).run();
    expect(r.details.message).toMatch(/a wrong secret, an application credential that expired or was deleted/);
  });

  it.each([
    ['Invalid username or password', 'Wrong password'],
    ['Could not find user: nobody.', 'Unknown user'],
    ['Could not find project: nope.', 'Unknown project'],
    ['User u1 has no access to project p1', 'No role on the project'],
    ['The account is disabled for user: u1.', 'Disabled'],
    ['Invalid application credential ID or secret', 'Wrong or expired application credential'],
    ['The password is expired and needs to be changed for user: u1.', 'Password expired'],
  ])('insecure_debug text "%s" → %s, with Keystone\'s own text', async (text, title) => {
    const r = await setup({ ks: refused(`${text} (Disable insecure_debug mode to suppress these details.)`) }).run();
    expect(r.details.steps.at(-1)).toMatchObject({ name: 'Token obtained', status: 'failed' });
    expect(r.message).toMatch(new RegExp(`^${title}: Keystone 401 Unauthorized: ${text.replace(/[.()]/g, '\\$&')}`));
    expect(r.details.message).toBeTruthy();
  });

  it('an unknown application credential id (404, told even without insecure_debug)', async () => {
    const r = await setup({
      jsonData: { mode: 'application_credential', appCredentialId: 'nope', appCredentialSecret: 'ac-Secret-9' },
      ks: response(404, {
        error: { code: 404, message: 'Could not find Application Credential: nope.', title: 'Not Found' },
      }),
    }).run();
    expect(r.details.steps.at(-1)).toMatchObject({ name: 'Token obtained', status: 'failed' });
    expect(r.message).toMatch(
      /^Unknown application credential: Keystone 404 Not Found: Could not find Application Credential: nope\./
    );
  });

  it('no secret in the result, even when Keystone echoes it', async () => {
    const r = await setup({ ks: refused(`bad password ${PASSWORD}`) }).run();
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
  });
  it("a short secret (a password 'wrong') does not mangle the diagnosis' own words", async () => {
    const r = await setup({
      jsonData: { ...passwordMode, password: 'wrong', project: undefined },
      ks: refused('The request you have made requires authentication.'),
    }).run();
    expect(r.details.message).toMatch(/^Keystone does not say which of these it is: a wrong password/);
  });
});

describe('Save & test diagnosis: X-Subject-Token and the catalog', () => {
  it('a token the browser may not read: the expose_headers line', async () => {
    const t = tokenResponse('tok-1', GN, NOW);
    const hidden = response(201, JSON.parse(t.text));
    const r = await setup({ ks: hidden }).run();
    expect(names(r).slice(-2)).toEqual(['ok Token obtained', 'failed X-Subject-Token readable']);
    expect(r.message).toMatch(/^Keystone issued a token but the browser cannot read its X-Subject-Token header/);
    expect(r.details.message).toContain(
      'Add to /etc/keystone/keystone.conf:\n\n[cors]\nexpose_headers = X-Subject-Token\n'
    );
    expect(r.details.message).not.toContain('allowed_origin =');
  });

  it('no endpoint for the chosen interface and region: what the catalog has', async () => {
    const r = await setup({ jsonData: { ...passwordMode, interface: 'internal', region: 'RegionTwo' } }).run();
    expect(names(r).slice(-3)).toEqual(['ok Token obtained', 'ok X-Subject-Token readable', 'failed Gnocchi endpoint']);
    expect(r.message).toBe(
      'The "metric" service has no internal endpoint in region RegionTwo (endpoints: public@RegionOne)'
    );
    expect(r.details.message).toMatch(/^Looked for the internal endpoint of the "metric" service in region RegionTwo/);
  });

  it('no metric service at all: the services it has', async () => {
    const body = JSON.parse(tokenResponse('tok-1', GN, NOW).text);
    body.token.catalog = [
      { type: 'identity', endpoints: [] },
      { type: 'compute', endpoints: [] },
    ];
    const r = await setup({ ks: response(201, body, { 'X-Subject-Token': 'tok-1' }) }).run();
    expect(r.details.steps.at(-1)?.name).toBe('Gnocchi endpoint');
    expect(r.message).toMatch(/\(services: identity, compute\)/);
  });
});

describe('Save & test diagnosis: Gnocchi', () => {
  const down = networkError('Gnocchi', 'GET', `${GN}/`, ORIGIN);

  it('nothing answers at the Gnocchi URL: unreachable', async () => {
    const h = setup({ root: down, probe: 'no-answer' });
    const r = await h.run();
    expect(h.probed).toEqual([`${GN}/`]);
    expect(r.details.steps.at(-1)).toMatchObject({ name: 'Gnocchi reachable', status: 'failed' });
    expect(r.message).toMatch(/^The browser could not reach Gnocchi at http:\/\/gnocchi:8041\/ from /);
    expect(r.message).toContain('Gnocchi is down or the URL is wrong');
  });

  it('Gnocchi answers but not to this origin: its CORS lines (no expose_headers)', async () => {
    const r = await setup({ root: down, probe: 'answered' }).run();
    expect(names(r).slice(-2)).toEqual(['ok Gnocchi reachable', 'failed Gnocchi answers with CORS']);
    expect(r.details.message).toContain(`Add to /etc/gnocchi/gnocchi.conf:\n\n[cors]\nallowed_origin = ${ORIGIN}\n\n`);
  });

  it('the root answers, the authenticated listing is blocked: the preflight of X-Auth-Token', async () => {
    const r = await setup({ list: networkError('Gnocchi', 'GET', `${GN}/v1/resource_type`, ORIGIN) }).run();
    expect(r.details.steps.at(-1)).toMatchObject({ name: 'Authenticated listing', status: 'failed' });
    expect(r.details.message).toMatch(/allow_headers must include X-Auth-Token/);
  });

  it("the listing refused (403): Gnocchi's own message", async () => {
    const r = await setup({
      list: response(403, { code: 403, description: 'Access was denied to this resource.', title: 'Forbidden' }),
    }).run();
    expect(r.details.steps.at(-1)).toMatchObject({ name: 'Authenticated listing', status: 'failed' });
    expect(r.message).toMatch(/^Gnocchi 403 Forbidden/);
  });

  it('server access: a 502 of the proxy means Grafana cannot reach Gnocchi; nothing is probed', async () => {
    const h = setup({
      url: '/api/datasources/proxy/uid/x',
      access: 'proxy',
      jsonData: { mode: 'noauth' },
      root: response(502, 'Bad Gateway'),
    });
    const r = await h.run();
    expect(r.details.steps.at(-1)).toMatchObject({ name: 'Gnocchi reachable', status: 'failed' });
    expect(r.message).toMatch(/^Grafana's server could not reach Gnocchi/);
    expect(h.probed).toEqual([]);
  });
});
