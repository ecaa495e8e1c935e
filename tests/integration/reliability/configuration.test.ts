/**
 * Reliability catalogue, theme "configuration": settings an operator gets wrong. Invalid settings
 * are refused before any request (nothing goes where the user did not point), valid variants work
 * against the real Keystone + Gnocchi, and wrong-but-valid URLs are named for what they are.
 * Every case: the error class and message, settled within a deadline, no secret shown.
 */
import { GnocchiOptions } from '../../../src/types';
import { loadSeed, Seed } from '../seed';
import { closeAll, dataSource, expectNoSecret, query, send, settles, shown, standIn, thrown } from './standin';

let seed: Seed;
let secrets: string[];
beforeAll(() => {
  seed = loadSeed();
  secrets = [seed.users.grafana.password, seed.application_credential.secret, 'static-secret-token'];
});
afterAll(closeAll);

const keystone = (): GnocchiOptions => ({
  mode: 'keystone',
  username: 'grafana',
  password: seed.users.grafana.password,
  project: 'grafana-demo',
});
const appCred = (): GnocchiOptions => ({
  mode: 'application_credential',
  appCredentialId: seed.application_credential.id,
  appCredentialSecret: seed.application_credential.secret,
});
const ks = () => `${seed.urls.keystone}/v3`;

describe('refused before any request', () => {
  type Case = [string, () => { url: string; jsonData: GnocchiOptions; access?: 'direct' | 'proxy' }, RegExp];
  const cases: Case[] = [
    [
      'Keystone URL without scheme',
      () => ({ url: 'keystone:5000/v3', jsonData: keystone() }),
      /^The Keystone URL \(the data source URL\) "keystone:5000\/v3" is not an absolute http:\/\/ or https:\/\/ URL/,
    ],
    [
      'Keystone host:port without scheme',
      () => ({ url: '127.0.0.1:5000/v3', jsonData: keystone() }),
      /"127\.0\.0\.1:5000\/v3" is not an absolute/,
    ],
    [
      'empty Keystone URL',
      () => ({ url: '', jsonData: keystone() }),
      /^The Keystone URL \(the data source URL\) is empty/,
    ],
    ['blank Keystone URL', () => ({ url: '   ', jsonData: appCred() }), /is empty/],
    ['path-only Keystone URL', () => ({ url: '/v3', jsonData: keystone() }), /"\/v3" is not an absolute/],
    ['ftp Keystone URL', () => ({ url: 'ftp://127.0.0.1:5000', jsonData: keystone() }), /is not an absolute/],
    [
      'Keystone URL with a query string',
      () => ({ url: `${ks()}?debug=1`, jsonData: keystone() }),
      /must not carry a query string/,
    ],
    [
      'Keystone URL with a bad port',
      () => ({ url: 'http://127.0.0.1:99999/v3', jsonData: keystone() }),
      /is not a valid URL/,
    ],
    [
      'explicit Gnocchi URL without scheme',
      () => ({ url: ks(), jsonData: { ...keystone(), endpoint: 'gnocchi:8041' } }),
      /^The Gnocchi URL setting "gnocchi:8041" is not an absolute/,
    ],
    [
      'explicit Gnocchi URL with a fragment',
      () => ({ url: ks(), jsonData: { ...keystone(), endpoint: `${seed.urls.gnocchi}/#x` } }),
      /must not carry a query string/,
    ],
    [
      'no-auth with an empty URL',
      () => ({ url: '', jsonData: { mode: 'noauth' } }),
      /^The Gnocchi URL \(the data source URL\) is empty/,
    ],
    [
      'no-auth with a scheme-less URL',
      () => ({ url: '127.0.0.1:8041', jsonData: { mode: 'noauth' } }),
      /"127\.0\.0\.1:8041" is not an absolute/,
    ],
    [
      'basic with an empty URL',
      () => ({ url: '', jsonData: { mode: 'basic', username: 'grafana' } }),
      /^The Gnocchi URL \(the data source URL\) is empty/,
    ],
    [
      'static token with a relative URL',
      () => ({ url: 'gnocchi', jsonData: { mode: 'token', token: 'static-secret-token' } }),
      /"gnocchi" is not an absolute/,
    ],
    [
      'server mode without the Gnocchi URL',
      () => ({
        url: '/api/datasources/proxy/uid/x',
        access: 'proxy',
        jsonData: { mode: 'keystone', keystoneUrl: ks() },
      }),
      /^Server mode needs the Gnocchi URL setting/,
    ],
    [
      'server mode, scheme-less Keystone URL',
      () => ({
        url: '/api/datasources/proxy/uid/x',
        access: 'proxy',
        jsonData: { mode: 'application_credential', keystoneUrl: 'keystone:5000/v3', endpoint: seed.urls.gnocchi },
      }),
      /Keystone URL of Grafana's proxy routes "keystone:5000\/v3" is not an absolute/,
    ],
    [
      'timeout "30s"',
      () => ({ url: ks(), jsonData: { ...keystone(), timeout: '30s' as any } }),
      /^The timeout setting must be a number of seconds .*\(got "30s"\)/,
    ],
    [
      'timeout -1',
      () => ({ url: ks(), jsonData: { ...keystone(), timeout: -1 } }),
      /^The timeout setting .*\(got -1\)/,
    ],
    [
      'timeout NaN',
      () => ({ url: seed.urls.gnocchi, jsonData: { mode: 'noauth', timeout: NaN } }),
      /^The timeout setting .*\(got NaN\)/,
    ],
    [
      'timeout "NaN"',
      () => ({ url: ks(), jsonData: { ...appCred(), timeout: 'NaN' as any } }),
      /^The timeout setting .*\(got "NaN"\)/,
    ],
    ['timeout 0', () => ({ url: ks(), jsonData: { ...keystone(), timeout: 0 } }), /^The timeout setting .*\(got 0\)/],
    [
      'timeout beyond a day',
      () => ({ url: ks(), jsonData: { ...keystone(), timeout: 10_000_000 } }),
      /^The timeout setting .*\(got 10000000\)/,
    ],
    [
      'Keystone password missing',
      () => ({ url: ks(), jsonData: { ...keystone(), password: '' } }),
      /^Set the Keystone password$/,
    ],
    [
      'application credential secret missing',
      () => ({ url: ks(), jsonData: { ...appCred(), appCredentialSecret: undefined } }),
      /^Set the application credential secret$/,
    ],
    [
      'static token missing',
      () => ({ url: seed.urls.gnocchi, jsonData: { mode: 'token' } }),
      /^The static token is empty/,
    ],
    [
      'static token blank',
      () => ({ url: seed.urls.gnocchi, jsonData: { mode: 'token', token: ' \n ' } }),
      /^The static token is empty/,
    ],
    [
      'static token with a line break inside',
      () => ({ url: seed.urls.gnocchi, jsonData: { mode: 'token', token: 'static-secret\ntoken' } }),
      /characters an HTTP header cannot carry/,
    ],
    [
      'basic auth without a user',
      () => ({ url: seed.urls.gnocchi, jsonData: { mode: 'basic' } }),
      /^Set the user name for Gnocchi's basic auth/,
    ],
  ];

  it.each(cases)('%s', async (_name, settings, expected) => {
    const h = dataSource(settings());
    const test = await settles(h.ds.testDatasource(), 1_000);
    expect(test.value).toMatchObject({ status: 'error', message: expect.stringMatching(expected) });
    const e = await thrown(h.ds.client.gnocchiUrl(), 1_000);
    expect(e.kind).toBe('config');
    const panel = await settles(query(h), 1_000);
    expect(panel.value!.errors?.[0].message).toMatch(expected);
    expect(h.sent).toHaveLength(0);
    expectNoSecret([test.value, e.message, shown(panel.value!)], secrets);
  });
});

describe('URL variants that work against the real stack', () => {
  it.each<[string, () => string, () => GnocchiOptions]>([
    ['Keystone URL without /v3', () => seed.urls.keystone, keystone],
    ['Keystone URL with a trailing slash', () => `${seed.urls.keystone}/`, keystone],
    ['Keystone URL with /v3/', () => `${seed.urls.keystone}/v3/`, appCred],
    ['Keystone URL with surrounding spaces', () => ` ${ks()} `, keystone],
    [
      'explicit Gnocchi URL with a trailing slash',
      () => ks(),
      () => ({ ...keystone(), endpoint: `${seed.urls.gnocchi}/` }),
    ],
    ['timeout as a numeric string', () => ks(), () => ({ ...keystone(), timeout: '5' as any })],
  ])('%s', async (_n, url, jsonData) => {
    const h = dataSource({ url: url(), jsonData: jsonData() });
    const r = await settles(h.ds.testDatasource(), 10_000);
    expect(r.value).toMatchObject({ status: 'success' });
    expectNoSecret(r.value, [...secrets, ...h.tokens]);
  });
});

describe('valid URLs that lead to the wrong place', () => {
  type Case = [string, () => { url: string; jsonData: GnocchiOptions }, string, RegExp];
  const cases: Case[] = [
    [
      'Keystone URL with a path prefix Keystone does not have',
      () => ({ url: `${seed.urls.keystone}/identity`, jsonData: keystone() }),
      'config',
      /^Keystone 404 Not Found: The requested URL was not found on the server\..* Is this Keystone\? Set the data source URL to Keystone/,
    ],
    [
      "Gnocchi's URL as the Keystone URL",
      () => ({ url: seed.urls.gnocchi, jsonData: keystone() }),
      'config',
      /^Keystone 404 Not Found\. Is this Keystone\?/,
    ],
    [
      "Keystone's URL as the Gnocchi URL",
      () => ({ url: ks(), jsonData: { ...keystone(), endpoint: seed.urls.keystone } }),
      'config',
      /^No Gnocchi API at http:\/\/127\.0\.0\.1:\d+\/v1\/[^: ]*: it answered 404 Not Found with an HTML page \("404 Not Found"\)/,
    ],
    [
      'Gnocchi URL with a path prefix',
      () => ({ url: ks(), jsonData: { ...keystone(), endpoint: `${seed.urls.gnocchi}/metric` } }),
      'config',
      /^No Gnocchi API at .*\/metric\/v1\/[^: ]*: it answered 404 Not Found with no Gnocchi error; check the Gnocchi URL/,
    ],
    [
      'Gnocchi URL ending in /v1',
      () => ({ url: ks(), jsonData: { ...keystone(), endpoint: `${seed.urls.gnocchi}/v1` } }),
      'config',
      /^No Gnocchi API at .*\/v1\/v1\/[^: ]*: .*remove the trailing \/v1/,
    ],
    [
      'nothing listening at the Keystone URL',
      () => ({ url: 'http://127.0.0.1:1/v3', jsonData: keystone() }),
      'network',
      /^The browser could not reach Keystone at http:\/\/127\.0\.0\.1:1\/v3\/auth\/tokens/,
    ],
    [
      'nothing listening at the Gnocchi URL',
      () => ({ url: ks(), jsonData: { ...keystone(), endpoint: 'http://127.0.0.1:1' } }),
      'network',
      /^The browser could not reach Gnocchi at http:\/\/127\.0\.0\.1:1\/v1\/[^: ]*/,
    ],
    [
      'a region the catalog does not have',
      () => ({ url: ks(), jsonData: { ...keystone(), region: 'RegionTwo' } }),
      'config',
      /^The "metric" service has no public endpoint in region RegionTwo/,
    ],
    [
      'a wrong password',
      () => ({ url: ks(), jsonData: { ...keystone(), password: 'not-the-password' } }),
      'auth',
      /^Keystone 401 Unauthorized: .* Check the user, password/,
    ],
    [
      'a project the user is not in',
      () => ({ url: ks(), jsonData: { ...keystone(), project: 'other-demo' } }),
      'auth',
      /^Keystone 401 Unauthorized/,
    ],
    [
      'a user domain that does not exist',
      () => ({ url: ks(), jsonData: { ...keystone(), domain: 'nope' } }),
      'auth',
      /^Keystone 401 Unauthorized/,
    ],
    [
      'a wrong application credential secret',
      () => ({ url: ks(), jsonData: { ...appCred(), appCredentialSecret: 'wrong-secret-value' } }),
      'auth',
      /^Keystone 401 Unauthorized/,
    ],
    [
      'a static token that is not a token',
      () => ({ url: seed.urls.gnocchi, jsonData: { mode: 'token', token: 'static-secret-token' } }),
      'auth',
      /^Gnocchi 401 Unauthorized: .*The static token was refused: it is wrong, expired or revoked/,
    ],
    [
      'no auth against a Gnocchi that needs Keystone',
      () => ({ url: seed.urls.gnocchi, jsonData: { mode: 'noauth' } }),
      'auth',
      /^Gnocchi 401 Unauthorized: .*This Gnocchi requires authentication/,
    ],
  ];

  it.each(cases)('%s', async (_n, settings, kind, expected) => {
    const s = settings();
    const h = dataSource(s);
    // Save & test runs its own diagnosis (src/connection/): it must fail, without secrets
    const r = await settles(h.ds.testDatasource(), 10_000);
    expect(r.value).toMatchObject({ status: 'error' });
    const panel = await settles(query(h), 10_000);
    expect(panel.value!.errors?.[0].message).toMatch(expected);
    const e = await thrown(h.ds.client.request('GET', '/v1/resource_type'));
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(expected);
    const all = [...secrets, s.jsonData.password, s.jsonData.appCredentialSecret, ...h.tokens];
    expectNoSecret([r.value, shown(panel.value!), e.message], all);
  });
});

describe("old basic-auth definitions: the URL's user", () => {
  it.each<[string, (base: string) => string, GnocchiOptions, string]>([
    ['no mode, user in the URL', (b) => b.replace('http://', 'http://grafana@'), {}, 'grafana:'],
    [
      'basic mode, user and password in the URL',
      (b) => b.replace('http://', 'http://grafana:url-pass%21@'),
      { mode: 'basic' },
      'grafana:url-pass!',
    ],
  ])('%s: becomes the basic-auth user, the URL sent has no user info', async (_n, url, jsonData, pair) => {
    const gnocchi = await standIn((q, res) =>
      q.headers.authorization === 'Basic ' + Buffer.from(pair).toString('base64')
        ? send(res, 200, JSON.stringify([{ name: 'generic' }]))
        : send(res, 401, JSON.stringify({ error: { message: `wrong ${q.headers.authorization}` } }))
    );
    const h = dataSource({ url: url(gnocchi.url), jsonData });
    const r = await settles(h.ds.testDatasource(), 5_000);
    expect(r.value).toMatchObject({
      status: 'success',
      message: expect.stringContaining(`Gnocchi at ${gnocchi.url}:`),
    });
    expect(h.sent.every((q) => q.url.startsWith(gnocchi.url))).toBe(true);
    expectNoSecret(r.value, ['url-pass']);
  });

  it('a URL password echoed back by the server never shows', async () => {
    const gnocchi = await standIn((q, res) =>
      send(res, 401, JSON.stringify({ error: { message: `refused ${q.headers.authorization}` } }))
    );
    const h = dataSource({
      url: gnocchi.url.replace('http://', 'http://admin:url-pass-123@'),
      jsonData: { mode: 'basic' },
    });
    const r = await settles(h.ds.testDatasource(), 5_000);
    expect(r.value).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/^Gnocchi 401 Unauthorized: refused \*\*\*/),
    });
    expectNoSecret(r.value, ['url-pass-123', Buffer.from('admin:url-pass-123').toString('base64')]);
  });
});
