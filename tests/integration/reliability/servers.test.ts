/**
 * Reliability catalogue, theme "misbehaving servers": stand-in Keystone and Gnocchi servers on
 * loopback answering what real deployments sometimes answer (5xx without body, HTML pages, cut-off
 * or truncated JSON, silence, redirects, login portals, proxies that echo the request). Each case
 * checks the error class and message, that it settles within a deadline, and that no secret shows.
 */
import type { ServerResponse } from 'node:http';

import type { GnocchiOptions } from '../../../src/types';
import {
  closeAll,
  cutOff,
  dataSource,
  echo,
  expectNoSecret,
  Handler,
  keystoneToken,
  query,
  redirect,
  reset,
  send,
  settles,
  shown,
  silent,
  stalls,
  StandIn,
  standIn,
  thrown,
} from './standin';

const PASSWORD = 'standin-pässword"1';
const APP_SECRET = 'standin-app-secret-2';
const STATIC_TOKEN = 'standin-static-token-3';
const KS_TOKEN = 'gAAAAA-standin-token';
const SECRETS = [PASSWORD, APP_SECRET, STATIC_TOKEN, KS_TOKEN];

let keystone: StandIn;
let gnocchi: StandIn;
beforeAll(async () => {
  gnocchi = await standIn();
  keystone = await standIn();
});
afterAll(closeAll);

const passwordMode = (extra: Partial<GnocchiOptions> = {}): GnocchiOptions => ({
  mode: 'keystone',
  username: 'grafana',
  password: PASSWORD,
  project: 'demo',
  timeout: 1,
  ...extra,
});

const html = (title: string, body: string) =>
  `<html>\n <head>\n  <title>${title}</title>\n </head>\n <body>\n  <h1>${title}</h1>\n  ${body}\n </body>\n</html>`;
const status =
  (code: number, body = '', headers: Record<string, string> = {}): Handler =>
  (_q, res: ServerResponse) =>
    send(res, code, body, headers);

type Case = [name: string, handler: Handler, kind: string, message: RegExp, deadlineMs?: number];

describe('Gnocchi misbehaving (Keystone mode, panel query and the client)', () => {
  const M = String.raw`\(GET http://127\.0\.0\.1:\d+/v1/metric/[^ ]+/measures[^)]*\)`;
  const cases: Case[] = [
    ['500 without body', status(500), 'http', new RegExp(`^Gnocchi 500 Internal Server Error\\. ${M}$`)],
    ['502 without body', status(502), 'http', /^Gnocchi 502 Bad Gateway\. \(GET/],
    ['503 without body', status(503), 'http', /^Gnocchi 503 Service Unavailable\. \(GET/],
    ['504 without body', status(504), 'http', /^Gnocchi 504 Gateway Timeout\. \(GET/],
    [
      '429 with a text body',
      status(429, 'slow down', { 'Content-Type': 'text/plain' }),
      'http',
      /^Gnocchi 429 Too Many Requests: slow down\. \(GET/,
    ],
    [
      '500 webob HTML page with a detail',
      status(
        500,
        html(
          '500 Internal Server Error',
          'The server has either erred or is incapable of performing the requested operation.<br /><br />\nstorage backend unreachable\n'
        )
      ),
      'http',
      /^Gnocchi 500 Internal Server Error: storage backend unreachable\. \(GET/,
    ],
    [
      '503 from an nginx in front',
      status(
        503,
        '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>'
      ),
      'http',
      /^Gnocchi 503 Service Unavailable: 503 Service Temporarily Unavailable nginx\. \(GET/,
    ],
    [
      '400 webob JSON with HTML and the generic preamble',
      status(
        400,
        JSON.stringify({
          message:
            'The server could not comply with the request since it is either malformed or otherwise incorrect.<br /><br />\nUnable to parse timespan\n\n',
          code: '400 Bad Request',
          title: 'Bad Request',
        })
      ),
      'http',
      /^Gnocchi 400 Bad Request: Unable to parse timespan\. \(GET/,
    ],
    [
      '400 Gnocchi JSON whose description carries HTML',
      status(
        400,
        JSON.stringify({
          code: 400,
          title: 'Bad Request',
          description: 'Invalid <code>granularity</code><br />&quot;x&quot;',
        })
      ),
      'http',
      /^Gnocchi 400 Bad Request: Invalid granularity "x"\. \(GET/,
    ],
    [
      "Gnocchi's own 404",
      status(404, JSON.stringify({ code: 404, title: 'Not Found', description: 'Metric 5f5e does not exist' })),
      'http',
      /^Gnocchi 404 Not Found: Metric 5f5e does not exist\. \(GET/,
    ],
    [
      "Gnocchi's 404 for a path it does not serve",
      status(404, JSON.stringify({ code: 404, title: 'Not Found', description: null })),
      'config',
      /^No Gnocchi API at http:\/\/127\.0\.0\.1:\d+\/v1\/metric\/.*: it answered 404 Not Found with no Gnocchi error; check the Gnocchi URL/,
    ],
    [
      '404 HTML page of another server',
      status(404, html('404 Not Found', 'nope')),
      'config',
      /^No Gnocchi API at .*: it answered 404 Not Found with an HTML page \("404 Not Found"\)/,
    ],
    [
      '200 with an HTML page',
      status(200, '<!DOCTYPE html><html><head><title>Grafana</title></head></html>'),
      'config',
      /^No Gnocchi API at .*: it answered 200 with an HTML page \("Grafana"\)/,
    ],
    [
      '200 with truncated JSON',
      status(200, '[["2024-01-01T00:00:00+00:00", 60.0, 1.5], ["2024-01-01T'),
      'parse',
      /^Gnocchi's answer is not valid JSON \(\d+ characters, cut off or not JSON\) \(GET/,
    ],
    [
      '200 with plain text',
      status(200, 'OK', { 'Content-Type': 'text/plain' }),
      'parse',
      /^Gnocchi's answer is not valid JSON/,
    ],
    [
      '200 with an empty body',
      status(200),
      'parse',
      /^Gnocchi answered 200 with an empty body where JSON was expected \(GET/,
    ],
    [
      'connection closed in the middle of the body',
      cutOff,
      'network',
      /^Gnocchi's answer \(200\) was cut off: the connection closed while it was being read \(GET/,
    ],
    [
      'connection closed without an answer',
      reset,
      'network',
      /^The browser could not reach Gnocchi at http:\/\/127\.0\.0\.1:\d+\/v1\/metric\//,
    ],
    ['silent (accepts, never answers)', silent, 'timeout', /^Gnocchi did not answer within 1 s \(GET/, 3_000],
    ['headers, then a body that never ends', stalls, 'timeout', /^Gnocchi did not answer within 1 s \(GET/, 3_000],
    [
      '301 to https',
      redirect(301, (q) => `https://gnocchi.example.com${q.url}`),
      'redirect',
      /^Gnocchi redirected to https:\/\/gnocchi\.example\.com\/v1\/metric\/.*; use that URL: set the Gnocchi URL setting to https:\/\/gnocchi\.example\.com \(GET .* answered 301\)$/,
    ],
    [
      '302 to a path prefix (relative Location)',
      redirect(302, (q) => `/metric${q.url}`),
      'redirect',
      /^Gnocchi redirected to http:\/\/127\.0\.0\.1:\d+\/metric\/v1\/metric\/.*; use that URL: set the Gnocchi URL setting to http:\/\/127\.0\.0\.1:\d+\/metric /,
    ],
    [
      '307 to another host',
      redirect(307, () => 'http://elsewhere.example.com/login'),
      'redirect',
      /^Gnocchi redirected to http:\/\/elsewhere\.example\.com\/login; use that URL in the Gnocchi URL setting/,
    ],
    [
      '308 without Location',
      status(308),
      'redirect',
      /^Gnocchi answered with a redirect that the plugin does not follow/,
    ],
  ];

  it.each(cases)('%s', async (_n, handler, kind, message, deadline = 5_000) => {
    gnocchi.handler = handler;
    keystone.handler = keystoneToken(gnocchi.url, KS_TOKEN);
    const h = dataSource({ url: `${keystone.url}/v3`, jsonData: passwordMode() });
    const panel = await settles(query(h), deadline);
    expect(panel.value!.errors?.[0]).toMatchObject({ refId: 'A', message: expect.stringMatching(message) });
    const e = await thrown(h.ds.client.request('GET', '/v1/metric/5f5e/measures'), deadline);
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(message);
    expect(h.count('Gnocchi')).toBe(2); // never followed, never retried
    expectNoSecret([shown(panel.value!), e.message], [...SECRETS, ...h.tokens]);
  });
});

describe('Keystone misbehaving (Save & test and the client)', () => {
  const tokenBody = (catalog: unknown) =>
    JSON.stringify({
      token: {
        issued_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        catalog,
      },
    });
  const cases: Case[] = [
    [
      '200 with an HTML login portal',
      status(200, html('Corporate SSO - Sign in', '<form></form>')),
      'config',
      /^This is not Keystone's token API at http:\/\/127\.0\.0\.1:\d+\/v3\/auth\/tokens: it answered 200 with an HTML page \("Corporate SSO - Sign in"\); set the data source URL to Keystone/,
    ],
    [
      '200 with an empty body',
      status(200),
      'config',
      /^This is not Keystone's token API at .*: it answered 200 with an empty body/,
    ],
    [
      '201 with JSON that has no token',
      status(201, JSON.stringify({ version: { id: 'v3.14' } })),
      'config',
      /^This is not Keystone's token API at .*: it answered 201 with JSON without a token/,
    ],
    [
      '201 with truncated JSON',
      status(201, '{"token": {"expires_at": "2030-01-01T00:00:00Z", "catal', { 'X-Subject-Token': KS_TOKEN }),
      'parse',
      /^Keystone's answer is not valid JSON \(cut off after \d+ characters\?\) \(POST/,
    ],
    [
      '201 without X-Subject-Token (CORS expose_headers)',
      status(201, tokenBody([])),
      'cors',
      /^Keystone issued a token but the browser cannot read its X-Subject-Token header/,
    ],
    [
      '500 without body',
      status(500),
      'http',
      /^Keystone 500 Internal Server Error\. \(POST http:\/\/127\.0\.0\.1:\d+\/v3\/auth\/tokens\)$/,
    ],
    [
      '503 HTML from a proxy',
      status(503, html('503 Service Unavailable', 'Keystone is in maintenance')),
      'http',
      /^Keystone 503 Service Unavailable: Keystone is in maintenance\. \(POST/,
    ],
    [
      '401 as an HTML page',
      status(401, html('401 Unauthorized', 'Go away')),
      'auth',
      /^Keystone 401 Unauthorized: Go away\. Check the user, password or application credential, and the project\. \(POST/,
    ],
    [
      '404 of a web server',
      status(404, html('404 Not Found', 'no such file')),
      'config',
      /^Keystone 404 Not Found: no such file\. Is this Keystone\?/,
    ],
    [
      '301 to https',
      redirect(301, (q) => `https://keystone.example.com:5000${q.url}`),
      'redirect',
      /^Keystone redirected to https:\/\/keystone\.example\.com:5000\/v3\/auth\/tokens; use that URL: set the data source URL \(Keystone\) to https:\/\/keystone\.example\.com:5000\/v3 \(POST .* answered 301\)$/,
    ],
    [
      '302 to a path prefix',
      redirect(302, (q) => `/identity${q.url}`),
      'redirect',
      /^Keystone redirected to http:\/\/127\.0\.0\.1:\d+\/identity\/v3\/auth\/tokens; use that URL: set the data source URL \(Keystone\) to http:\/\/127\.0\.0\.1:\d+\/identity\/v3 /,
    ],
    ['silent', silent, 'timeout', /^Keystone did not answer within 1 s \(POST/, 3_000],
    ['headers, then nothing', stalls, 'timeout', /^Keystone did not answer within 1 s \(POST/, 3_000],
    [
      'connection closed without an answer',
      reset,
      'network',
      /^The browser could not reach Keystone at http:\/\/127\.0\.0\.1:\d+\/v3\/auth\/tokens .*CORS/,
    ],
    ['connection closed in the middle of the body', cutOff, 'network', /^Keystone's answer \(200\) was cut off/],
    [
      'a catalog without Gnocchi',
      status(201, tokenBody([{ type: 'identity', endpoints: [] }]), { 'X-Subject-Token': KS_TOKEN }),
      'config',
      /^No "metric" \(Gnocchi\) service in the Keystone catalog \(services: identity\)\. Set the Gnocchi URL explicitly\.$/,
    ],
    [
      'no catalog (unscoped token)',
      status(201, tokenBody(undefined), { 'X-Subject-Token': KS_TOKEN }),
      'config',
      /^The Keystone token has no service catalog/,
    ],
    [
      "a catalog with a relative Gnocchi URL (would go to Grafana's origin)",
      status(201, tokenBody([{ type: 'metric', endpoints: [{ interface: 'public', url: '/metric' }] }]), {
        'X-Subject-Token': KS_TOKEN,
      }),
      'config',
      /^Gnocchi's URL in the Keystone catalog "\/metric" is not an absolute http:\/\/ or https:\/\/ URL: set the Gnocchi URL explicitly$/,
    ],
  ];

  it.each(cases)('%s', async (_n, handler, kind, message, deadline = 5_000) => {
    keystone.handler = handler;
    const h = dataSource({ url: `${keystone.url}/v3`, jsonData: passwordMode() });
    const r = await settles(h.ds.testDatasource(), deadline);
    expect(r.value).toMatchObject({ status: 'error', message: expect.stringMatching(message) });
    const e = await thrown(h.ds.client.gnocchiUrl(), deadline);
    expect(e).toMatchObject({ kind, service: 'Keystone' });
    expect(h.count('Gnocchi')).toBe(0);
    expectNoSecret([r.value, e.message], [...SECRETS, ...h.tokens]);
  });
});

describe('proxies that echo the request back: no secret reaches a message', () => {
  type EchoCase = [string, 'keystone' | 'gnocchi', Handler, () => { url: string; jsonData: GnocchiOptions }];
  const cases: EchoCase[] = [
    [
      'Keystone password, echoed as JSON',
      'keystone',
      echo('json'),
      () => ({ url: `${keystone.url}/v3`, jsonData: passwordMode() }),
    ],
    [
      'Keystone password, echoed in an HTML page',
      'keystone',
      echo('html'),
      () => ({ url: `${keystone.url}/v3`, jsonData: passwordMode() }),
    ],
    [
      'application credential secret, echoed as text',
      'keystone',
      echo('text'),
      () => ({
        url: `${keystone.url}/v3`,
        jsonData: {
          mode: 'application_credential',
          appCredentialId: 'ac',
          appCredentialSecret: APP_SECRET,
          timeout: 1,
        },
      }),
    ],
    [
      'password echoed by a Python proxy (ensure_ascii JSON)',
      'keystone',
      (q, res) => send(res, 400, JSON.stringify({ error: { message: `bad body ${q.body}` } }).replace(/ä/g, '\\u00e4')),
      () => ({ url: `${keystone.url}/v3`, jsonData: passwordMode() }),
    ],
    [
      'Keystone token, echoed by Gnocchi as JSON',
      'gnocchi',
      echo('json'),
      () => ({ url: `${keystone.url}/v3`, jsonData: passwordMode() }),
    ],
    [
      'Keystone token, echoed by Gnocchi in HTML',
      'gnocchi',
      echo('html'),
      () => ({ url: `${keystone.url}/v3`, jsonData: passwordMode() }),
    ],
    [
      'static token, echoed as text',
      'gnocchi',
      echo('text'),
      () => ({ url: gnocchi.url, jsonData: { mode: 'token', token: STATIC_TOKEN, timeout: 1 } }),
    ],
    [
      'basic-auth password from the URL, echoed',
      'gnocchi',
      echo('json'),
      () => ({
        url: gnocchi.url.replace('http://', 'http://admin:url-secret-4@'),
        jsonData: { mode: 'basic', timeout: 1 },
      }),
    ],
  ];

  it.each(cases)('%s', async (_n, where, handler, settings) => {
    keystone.handler = where === 'keystone' ? handler : keystoneToken(gnocchi.url, KS_TOKEN);
    gnocchi.handler = where === 'gnocchi' ? handler : status(200, '[]');
    const h = dataSource(settings());
    const r = await settles(h.ds.testDatasource(), 5_000);
    const panel = await settles(query(h), 5_000);
    const e = await thrown(h.ds.client.request('GET', '/v1/resource_type'));
    expect(r.value).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/^(Keystone|Gnocchi) (502 Bad Gateway|400 Bad Request)/),
    });
    expect(e.kind).toMatch(/^(http|auth)$/);
    const basic = Buffer.from('admin:url-secret-4').toString('base64');
    expectNoSecret([r.value, shown(panel.value!), e.message, e.url], [...SECRETS, ...h.tokens, 'url-secret-4', basic]);
  });
});
