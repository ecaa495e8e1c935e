import { ClientSettings, GnocchiClient, PAGE_LIMIT } from './client';
import { buildQueryString } from './http/queryString';
import { RequestError } from './http/errors';
import { HttpRequest, HttpResponse, Transport } from './http/transport';

function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    text: typeof body === 'string' ? body : JSON.stringify(body),
    header: (n) => lower[n.toLowerCase()] ?? null,
  };
}

const catalog = [
  { type: 'metric', endpoints: [{ interface: 'public', url: 'http://gnocchi:8041', region_id: 'RegionOne' }] },
];

function tokenResponse(token: string) {
  return response(
    201,
    {
      token: {
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        issued_at: new Date().toISOString(),
        catalog,
      },
    },
    { 'X-Subject-Token': token }
  );
}

function recorder(handler: (req: HttpRequest, n: number) => HttpResponse | Promise<HttpResponse>) {
  const requests: HttpRequest[] = [];
  const transport: Transport = async (req) => {
    requests.push(req);
    return handler(req, requests.length);
  };
  return { requests, transport };
}

const keystoneSettings: ClientSettings = {
  url: 'http://keystone:5000',
  access: 'direct',
  jsonData: { mode: 'keystone', username: 'grafana', password: 'pw', project: 'demo' },
};

describe('buildQueryString', () => {
  it('repeats array params, skips empty ones, encodes', () => {
    expect(
      buildQueryString({ groupby: ['host', 'flavor'], a: '', b: undefined, start: '2024-01-01T00:00:00+00:00' })
    ).toBe('?groupby=host&groupby=flavor&start=2024-01-01T00%3A00%3A00%2B00%3A00');
    expect(buildQueryString({})).toBe('');
  });
});

describe('GnocchiClient, Keystone modes', () => {
  it('authenticates once for 20 concurrent requests and uses the catalog URL', async () => {
    const { requests, transport } = recorder((req) =>
      req.service === 'Keystone' ? tokenResponse('tok') : response(200, [])
    );
    const client = new GnocchiClient(keystoneSettings, transport);
    await Promise.all(Array.from({ length: 20 }, () => client.request('GET', '/v1/resource/generic')));
    expect(client.counts).toEqual({ keystone: 1, gnocchi: 20 });
    const ks = requests.filter((r) => r.service === 'Keystone');
    expect(ks).toHaveLength(1);
    expect(ks[0].url).toBe('http://keystone:5000/v3/auth/tokens');
    const gn = requests.find((r) => r.service === 'Gnocchi')!;
    expect(gn.url).toBe('http://gnocchi:8041/v1/resource/generic');
    // only headers oslo CORS allows by default: no Grafana headers
    expect(gn.headers).toEqual({ Accept: 'application/json', 'X-Auth-Token': 'tok' });
  });

  it('re-authenticates once and retries after a 401, never loops', async () => {
    let tokens = 0;
    const { requests, transport } = recorder((req) => {
      if (req.service === 'Keystone') {
        return tokenResponse(`tok${++tokens}`);
      }
      return response(401, { error: { code: 401, message: 'The request you have made requires authentication.' } });
    });
    const client = new GnocchiClient(keystoneSettings, transport);
    await expect(client.request('GET', '/v1/resource/generic')).rejects.toThrow(
      /Gnocchi 401 Unauthorized: The request you have made requires authentication\. \(GET http:\/\/gnocchi:8041\/v1\/resource\/generic\)/
    );
    expect(requests.map((r) => `${r.service}:${r.headers['X-Auth-Token'] ?? ''}`)).toEqual([
      'Keystone:',
      'Gnocchi:tok1',
      'Keystone:',
      'Gnocchi:tok2',
    ]);
  });

  it('explains a token whose X-Subject-Token the browser cannot read (CORS expose_headers)', async () => {
    const { transport } = recorder(() => response(201, { token: { expires_at: '2099-01-01T00:00:00Z', catalog } }));
    const client = new GnocchiClient(keystoneSettings, transport);
    await expect(client.gnocchiUrl()).rejects.toThrow(/X-Subject-Token.*expose_headers/);
  });

  it("reports Keystone's own message and the URL on a bad password", async () => {
    const { transport } = recorder(() =>
      response(401, {
        error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' },
      })
    );
    const client = new GnocchiClient(keystoneSettings, transport);
    await expect(client.gnocchiUrl()).rejects.toThrow(
      'Keystone 401 Unauthorized: The request you have made requires authentication. Check the user, password or application credential, and the project. (POST http://keystone:5000/v3/auth/tokens)'
    );
  });

  it('an explicit Gnocchi URL overrides the catalog', async () => {
    const { requests, transport } = recorder((req) =>
      req.service === 'Keystone' ? tokenResponse('t') : response(200, [])
    );
    const client = new GnocchiClient(
      { ...keystoneSettings, jsonData: { ...keystoneSettings.jsonData, endpoint: 'http://other/metric/' } },
      transport
    );
    await client.request('GET', '/v1/resource_type');
    expect(requests[1].url).toBe('http://other/metric/v1/resource_type');
  });

  it('says which setting is missing before calling Keystone', async () => {
    const { requests, transport } = recorder(() => tokenResponse('t'));
    const client = new GnocchiClient({ ...keystoneSettings, jsonData: { mode: 'keystone', username: 'u' } }, transport);
    await expect(client.gnocchiUrl()).rejects.toThrow('Set the Keystone password');
    expect(requests).toHaveLength(0);
  });
});

describe('GnocchiClient, server mode (Grafana data source proxy)', () => {
  it('posts to the templated Keystone route and calls Gnocchi through the gnocchi route', async () => {
    const { requests, transport } = recorder((req) =>
      req.service === 'Keystone' ? tokenResponse('t') : response(200, [])
    );
    const client = new GnocchiClient(
      {
        url: '/api/datasources/proxy/uid/abc',
        access: 'proxy',
        jsonData: { mode: 'application_credential', keystoneUrl: 'http://ks:5000/v3', endpoint: 'http://g:8041' },
      },
      transport
    );
    await client.request('GET', '/v1/resource_type');
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/datasources/proxy/uid/abc/keystone/application_credential',
      body: '{}',
    });
    expect(requests[1].url).toBe('/api/datasources/proxy/uid/abc/gnocchi/v1/resource_type');
    expect(requests[1].headers['X-Auth-Token']).toBe('t');
  });
});

describe('GnocchiClient, other modes', () => {
  it('static token, basic and none send the matching header to the data source URL', async () => {
    const cases: Array<[ClientSettings, Record<string, string>]> = [
      [
        { url: 'http://g:8041/', access: 'direct', jsonData: { mode: 'token', token: 'static' } },
        { 'X-Auth-Token': 'static' },
      ],
      [
        { url: 'http://g:8041', access: 'direct', jsonData: { mode: 'basic', username: 'admin' } },
        { Authorization: 'Basic ' + btoa('admin:') },
      ],
      [{ url: 'http://g:8041', access: 'direct', jsonData: { mode: 'noauth' } }, {}],
    ];
    for (const [settings, expected] of cases) {
      const { requests, transport } = recorder(() => response(200, []));
      await new GnocchiClient(settings, transport).request('GET', '/v1/resource_type');
      expect(requests[0].url).toBe('http://g:8041/v1/resource_type');
      expect(requests[0].headers).toEqual({ Accept: 'application/json', ...expected });
    }
  });

  it('parses NaN and Infinity in bodies', async () => {
    const { transport } = recorder(() =>
      response(200, '[["2024-01-01T00:00:00+00:00", 60.0, NaN], ["2024-01-01T00:01:00+00:00", 60.0, Infinity]]')
    );
    const out = await new GnocchiClient(
      { url: 'http://g', access: 'direct', jsonData: { mode: 'noauth' } },
      transport
    ).request<any[]>('GET', '/x');
    expect(out[0][2]).toBeNull();
    expect(out[1][2]).toBe(Infinity);
  });
});

describe('GnocchiClient.listAll', () => {
  it('follows markers until a page is not full, so nothing is cut', async () => {
    const total = PAGE_LIMIT * 2 + 5;
    const items = Array.from({ length: total }, (_, i) => ({ id: `id-${String(i).padStart(5, '0')}` }));
    const { requests, transport } = recorder((req) => {
      const marker = new URL(req.url).searchParams.get('marker');
      const start = marker ? items.findIndex((i) => i.id === marker) + 1 : 0;
      return response(200, items.slice(start, start + PAGE_LIMIT));
    });
    const client = new GnocchiClient({ url: 'http://g', access: 'direct', jsonData: { mode: 'noauth' } }, transport);
    const all = await client.listAll('POST', '/v1/search/resource/generic', { body: {} });
    expect(all).toHaveLength(total);
    expect(requests).toHaveLength(3);
    expect(requests[1].url).toContain(`marker=${items[PAGE_LIMIT - 1].id}`);
    expect(requests[0].url).toContain('limit=1000');
  });
});

// ---------------------------------------------------------------------------------------------
// Reliability and security classes (issue 12). Each test names the class it pins.

const SECRET = 'pa"ss\\wörd-42';

async function failure(p: Promise<unknown>): Promise<RequestError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RequestError);
    return e as RequestError;
  }
  throw new Error('expected a failure');
}

function noSecretIn(e: RequestError, ...secrets: string[]) {
  for (const s of secrets) {
    for (const text of [e.message, e.url, String(e.stack)]) {
      expect(text).not.toContain(s);
      expect(text).not.toContain(JSON.stringify(s).slice(1, -1));
    }
  }
}

describe('class 1: requests go only where the user pointed them', () => {
  it.each<[string, Partial<ClientSettings>, RegExp]>([
    [
      'Keystone URL without scheme',
      { url: 'keystone:5000/v3' },
      /^The Keystone URL \(the data source URL\) "keystone:5000\/v3" is not an absolute http:\/\/ or https:\/\/ URL/,
    ],
    ['empty Keystone URL', { url: '' }, /^The Keystone URL \(the data source URL\) is empty/],
    ['protocol-relative Keystone URL', { url: '//keystone:5000' }, /not an absolute http/],
    ['ftp Keystone URL', { url: 'ftp://keystone:5000' }, /not an absolute http/],
    ['Keystone URL with a query', { url: 'http://keystone:5000/v3?x=1' }, /must not carry a query string/],
    [
      'Gnocchi URL setting without scheme',
      { jsonData: { ...keystoneSettings.jsonData, endpoint: 'gnocchi:8041' } },
      /^The Gnocchi URL setting "gnocchi:8041" is not an absolute/,
    ],
    [
      'no-auth with an empty URL',
      { url: '', jsonData: { mode: 'noauth' } },
      /^The Gnocchi URL \(the data source URL\) is empty/,
    ],
    [
      'basic with an empty URL',
      { url: '', jsonData: { mode: 'basic', username: 'u' } },
      /^The Gnocchi URL \(the data source URL\) is empty/,
    ],
    [
      'token mode with a relative URL',
      { url: '/gnocchi', jsonData: { mode: 'token', token: 'tok' } },
      /^The Gnocchi URL \(the data source URL\) "\/gnocchi" is not an absolute/,
    ],
    ['no-auth with a scheme-less URL', { url: 'gnocchi:8041', jsonData: { mode: 'noauth' } }, /not an absolute http/],
    [
      'server mode without the Gnocchi URL',
      {
        url: '/api/datasources/proxy/uid/x',
        access: 'proxy',
        jsonData: { mode: 'keystone', keystoneUrl: 'http://ks/v3' },
      },
      /^Server mode needs the Gnocchi URL/,
    ],
    [
      'server mode with a scheme-less Keystone URL',
      {
        url: '/api/datasources/proxy/uid/x',
        access: 'proxy',
        jsonData: { mode: 'keystone', keystoneUrl: 'ks:5000/v3', endpoint: 'http://g' },
      },
      /Keystone URL of Grafana's proxy routes "ks:5000\/v3" is not an absolute/,
    ],
  ])('%s: a configuration error before any request', async (_name, patch, expected) => {
    const { requests, transport } = recorder(() => tokenResponse('t'));
    const client = new GnocchiClient({ ...keystoneSettings, ...patch }, transport);
    for (const p of [
      client.gnocchiUrl(),
      client.request('GET', '/v1/resource_type'),
      client.raw('GET', '/v1/resource_type'),
    ]) {
      const e = await failure(p);
      expect(e.kind).toBe('config');
      expect(e.message).toMatch(expected);
    }
    expect(client.configProblem?.message).toMatch(expected);
    expect(requests).toHaveLength(0);
  });

  it("a catalog URL that is not absolute is refused (it would go to Grafana's origin)", async () => {
    const { requests, transport } = recorder(() =>
      response(
        201,
        {
          token: {
            expires_at: '2099-01-01T00:00:00Z',
            catalog: [{ type: 'metric', endpoints: [{ interface: 'public', url: '/metric' }] }],
          },
        },
        { 'X-Subject-Token': 't' }
      )
    );
    const e = await failure(new GnocchiClient(keystoneSettings, transport).request('GET', '/v1/resource_type'));
    expect(e).toMatchObject({ kind: 'config', service: 'Keystone' });
    expect(e.message).toMatch(/^Gnocchi's URL in the Keystone catalog "\/metric" is not an absolute/);
    expect(requests.filter((r) => r.service === 'Gnocchi')).toHaveLength(0);
  });

  it.each<[string, ClientSettings, string, string]>([
    [
      'old basic-auth definition (no mode)',
      { url: 'http://admin@g:8041/', access: 'direct', jsonData: {} },
      'admin:',
      'basic',
    ],
    [
      'basic mode, user and password in the URL',
      { url: 'http://admin:s3cr%40t@g:8041', access: 'direct', jsonData: { mode: 'basic' } },
      'admin:s3cr@t',
      'basic',
    ],
    [
      'basic mode, the user setting wins',
      { url: 'http://old@g:8041', access: 'direct', jsonData: { mode: 'basic', username: 'new' } },
      'new:',
      'basic',
    ],
  ])('%s: the URL user becomes the basic-auth user and leaves the URL', async (_n, settings, pair, mode) => {
    const { requests, transport } = recorder(() => response(200, []));
    const client = new GnocchiClient(settings, transport);
    expect(client.mode).toBe(mode);
    await client.request('GET', '/v1/resource_type');
    expect(requests[0].url).toBe('http://g:8041/v1/resource_type');
    expect(requests[0].headers.Authorization).toBe('Basic ' + Buffer.from(pair).toString('base64'));
  });

  it('a URL password never shows in an error', async () => {
    const { transport } = recorder(() =>
      response(500, 'upstream said: Authorization: Basic YWRtaW46czNjcmV0 for admin:s3cret')
    );
    const e = await failure(
      new GnocchiClient(
        { url: 'http://admin:s3cret@g:8041', access: 'direct', jsonData: { mode: 'basic' } },
        transport
      ).request('GET', '/v1/x')
    );
    noSecretIn(e, 's3cret', 'YWRtaW46czNjcmV0');
  });
});

describe('class 1/3: passwords written into URL settings', () => {
  it.each<[string, ClientSettings]>([
    [
      'an invalid data source URL',
      { url: 'http://admin:urlsecret9@g:99999', access: 'direct', jsonData: { mode: 'basic' } },
    ],
    [
      'a scheme-less Gnocchi URL setting',
      { ...keystoneSettings, jsonData: { ...keystoneSettings.jsonData, endpoint: 'u:urlsecret9@gnocchi' } },
    ],
  ])('%s: neither the message nor the URL of the error shows it', async (_n, settings) => {
    const e = await failure(new GnocchiClient(settings, async () => response(200, [])).gnocchiUrl());
    expect(e.kind).toBe('config');
    noSecretIn(e, 'urlsecret9');
  });
});

describe('class 2: redirects are reported, never followed', () => {
  it('Keystone http → https: names the new URL and the setting', async () => {
    const { requests, transport } = recorder(() =>
      response(301, '', { Location: 'https://keystone:5000/v3/auth/tokens' })
    );
    const e = await failure(new GnocchiClient(keystoneSettings, transport).gnocchiUrl());
    expect(e).toMatchObject({ kind: 'redirect', service: 'Keystone', status: 301 });
    expect(e.message).toBe(
      'Keystone redirected to https://keystone:5000/v3/auth/tokens; use that URL: set the data source URL (Keystone) to https://keystone:5000/v3 (POST http://keystone:5000/v3/auth/tokens answered 301)'
    );
    expect(requests).toHaveLength(1);
  });

  it('Gnocchi redirect with a relative Location; the request is not repeated', async () => {
    const { requests, transport } = recorder(() => response(302, '', { Location: '/gnocchi/v1/resource_type' }));
    const client = new GnocchiClient(
      { url: 'http://g:8041', access: 'direct', jsonData: { mode: 'noauth' } },
      transport
    );
    const e = await failure(client.request('GET', '/v1/resource_type'));
    expect(e.kind).toBe('redirect');
    expect(e.message).toMatch(
      /^Gnocchi redirected to http:\/\/g:8041\/gnocchi\/v1\/resource_type; use that URL: set the data source URL \(Gnocchi\) to http:\/\/g:8041\/gnocchi /
    );
    expect(requests).toHaveLength(1);
  });

  it("a browser's opaque redirect (no Location) still says redirect", async () => {
    const transport: Transport = async () => ({ status: 0, header: () => null, text: '', opaqueRedirect: true });
    const e = await failure(new GnocchiClient(keystoneSettings, transport).gnocchiUrl());
    expect(e.kind).toBe('redirect');
    expect(e.message).toMatch(
      /^Keystone answered with a redirect that the plugin does not follow .*open http:\/\/keystone:5000\/v3\/auth\/tokens in a browser tab/
    );
  });
  it("300 Multiple Choices (Keystone's version list at its root) is an answer, not a redirect", async () => {
    const client = new GnocchiClient(
      { url: 'http://ks:5000', access: 'direct', jsonData: { mode: 'noauth' } },
      async () => response(300, { versions: { values: [] } }, { Location: 'http://ks:5000/v3/' })
    );
    const e = await failure(client.request('GET', '/'));
    expect(e).toMatchObject({ kind: 'http', status: 300 });
  });
});

describe('class 3: no secret in anything thrown', () => {
  const settingsWith = (jsonData: object): ClientSettings => ({
    ...keystoneSettings,
    jsonData: { ...keystoneSettings.jsonData, ...(jsonData as any) },
  });

  it.each<[string, ClientSettings, string]>([
    ['password', settingsWith({ password: SECRET }), SECRET],
    [
      'application credential secret',
      settingsWith({ mode: 'application_credential', appCredentialId: 'id', appCredentialSecret: SECRET }),
      SECRET,
    ],
  ])('Keystone echoing the request body (%s) in a 400', async (_n, settings, secret) => {
    const { requests, transport } = recorder((req) =>
      response(400, { error: { code: 400, message: `Invalid input in ${req.body}` } })
    );
    const e = await failure(new GnocchiClient(settings, transport).gnocchiUrl());
    expect(requests[0].body).toContain(JSON.stringify(secret).slice(1, -1));
    expect(e.message).toMatch(/^Keystone 400 Bad Request: Invalid input in .*\*\*\*/);
    noSecretIn(e, secret);
  });

  it('a proxy echoing the body as HTML, Python JSON or URL encoding', async () => {
    for (const echo of [
      (b: string) => `<html><body><pre>${b.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</pre></body></html>`,
      (b: string) => JSON.stringify({ message: b }).replace(/ö/g, '\\u00f6'),
      (b: string) => `bad request: ${encodeURIComponent(b)}`,
    ]) {
      const { transport } = recorder((req) => response(502, echo(req.body!)));
      const e = await failure(new GnocchiClient(settingsWith({ password: SECRET }), transport).gnocchiUrl());
      noSecretIn(e, SECRET, encodeURIComponent(SECRET), 'pa&quot;ss');
    }
  });

  it('the secret is cut from the body before the cause is shortened (no half secret)', async () => {
    const long = 'x'.repeat(390) + SECRET;
    const { transport } = recorder(() => response(400, { error: { message: long } }));
    const e = await failure(new GnocchiClient(settingsWith({ password: SECRET }), transport).gnocchiUrl());
    expect(e.message).not.toContain('pa"ss');
  });

  it('Keystone tokens it received and the static token, echoed by Gnocchi', async () => {
    const { transport } = recorder((req) =>
      req.service === 'Keystone'
        ? tokenResponse('gAAAA-keystone-token')
        : response(500, `headers: ${JSON.stringify(req.headers)}`)
    );
    noSecretIn(
      await failure(new GnocchiClient(keystoneSettings, transport).request('GET', '/v1/x')),
      'gAAAA-keystone-token'
    );
    const t = recorder((req) => response(400, { description: `token ${req.headers['X-Auth-Token']} is odd` }));
    const e = await failure(
      new GnocchiClient(
        { url: 'http://g', access: 'direct', jsonData: { mode: 'token', token: 'static-tok-123' } },
        t.transport
      ).request('GET', '/v1/x')
    );
    expect(e.message).toBe('Gnocchi 400 Bad Request: token *** is odd. (GET http://g/v1/x)');
  });

  it('errors thrown by the transport itself are redacted too', async () => {
    const transport: Transport = async (req) => {
      throw new RequestError(`proxy failed for ${req.body}`, 'Keystone', req.url, undefined, 'network');
    };
    const e = await failure(new GnocchiClient(settingsWith({ password: SECRET }), transport).gnocchiUrl());
    expect(e.kind).toBe('network');
    noSecretIn(e, SECRET);
  });
});

describe('class 4: static token', () => {
  it.each([[undefined], [''], ['   ']])(
    'missing or empty (%j): a configuration error, never sent as no header',
    async (token) => {
      const { requests, transport } = recorder(() => response(200, []));
      const e = await failure(
        new GnocchiClient({ url: 'http://g', access: 'direct', jsonData: { mode: 'token', token } }, transport).request(
          'GET',
          '/v1/x'
        )
      );
      expect(e.kind).toBe('config');
      expect(e.message).toMatch(/^The static token is empty: set a Keystone token/);
      expect(requests).toHaveLength(0);
    }
  );

  it('a token with a line break inside is refused before fetch() throws a misleading network error', async () => {
    const { requests, transport } = recorder(() => response(200, []));
    const e = await failure(
      new GnocchiClient(
        { url: 'http://g', access: 'direct', jsonData: { mode: 'token', token: 'abc\ndef' } },
        transport
      ).request('GET', '/v1/x')
    );
    expect(e.message).toMatch(/characters an HTTP header cannot carry/);
    expect(requests).toHaveLength(0);
    noSecretIn(e, 'abc\ndef');
  });

  it('a surrounding newline (pasted) is trimmed', async () => {
    const { requests, transport } = recorder(() => response(200, []));
    await new GnocchiClient(
      { url: 'http://g', access: 'direct', jsonData: { mode: 'token', token: ' tok\n' } },
      transport
    ).request('GET', '/v1/x');
    expect(requests[0].headers['X-Auth-Token']).toBe('tok');
  });

  it('refused or revoked (401): says so and what to do, not retried', async () => {
    const { requests, transport } = recorder(() =>
      response(401, { error: { code: 401, message: 'The request you have made requires authentication.' } })
    );
    const e = await failure(
      new GnocchiClient(
        { url: 'http://g', access: 'direct', jsonData: { mode: 'token', token: 'tok-revoked-1' } },
        transport
      ).request('GET', '/v1/x')
    );
    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(e.message).toMatch(
      /^Gnocchi 401 Unauthorized: .* The static token was refused: it is wrong, expired or revoked\. Issue a new one/
    );
    expect(requests).toHaveLength(1);
  });
});

describe('class 5: answers from something that is not the API', () => {
  it.each<[string, HttpResponse, RegExp, string]>([
    [
      'an HTML login portal with 200',
      response(200, '<html><head><title>Sign in</title></head><body>…</body></html>', { 'X-Subject-Token': 'x' }),
      /^This is not Keystone's token API at http:\/\/keystone:5000\/v3\/auth\/tokens: it answered 200 with an HTML page \("Sign in"\)/,
      'config',
    ],
    [
      'JSON without a token',
      response(200, { versions: [] }),
      /^This is not Keystone's token API at .* with JSON without a token/,
      'config',
    ],
    ['an empty 201', response(201, ''), /^This is not Keystone's token API .* with an empty body/, 'config'],
    [
      'truncated JSON',
      response(201, '{"token": {"expires_at": "20', { 'X-Subject-Token': 'x' }),
      /^Keystone's answer is not valid JSON \(cut off/,
      'parse',
    ],
    [
      'a web server 404',
      response(404, '<html><body><h1>Not Found</h1></body></html>'),
      /^Keystone 404 Not Found\. Is this Keystone\? Set the data source URL/,
      'config',
    ],
  ])('Keystone URL answering %s', async (_n, res, expected, kind) => {
    const e = await failure(new GnocchiClient(keystoneSettings, async () => res).gnocchiUrl());
    expect(e.kind).toBe(kind);
    expect(e.message).toMatch(expected);
    expect(e.message).not.toMatch(/X-Subject-Token/);
  });

  const noauth = (handler: () => HttpResponse) =>
    new GnocchiClient(
      { url: 'http://g:8041/v1', access: 'direct', jsonData: { mode: 'noauth' } },
      recorder(handler).transport
    );

  it.each<[string, HttpResponse, RegExp, string, number | undefined]>([
    [
      "Gnocchi's 404 for a path it does not serve",
      response(404, { code: 404, title: 'Not Found', description: null }),
      /^No Gnocchi API at http:\/\/g:8041\/v1\/v1\/resource_type: it answered 404 Not Found with no Gnocchi error; remove the trailing \/v1/,
      'config',
      404,
    ],
    [
      'a web server 404 page',
      response(404, '<html><title>404</title></html>'),
      /^No Gnocchi API at .*: it answered 404 Not Found with an HTML page/,
      'config',
      404,
    ],
    [
      'an HTML page with 200',
      response(200, '<!DOCTYPE html><html><title>Grafana</title>'),
      /^No Gnocchi API at .*: it answered 200 with an HTML page \("Grafana"\)/,
      'config',
      200,
    ],
    [
      "Gnocchi's own 404 (kept as Gnocchi's error)",
      response(404, { code: 404, title: 'Not Found', description: 'Metric abc does not exist' }),
      /^Gnocchi 404 Not Found: Metric abc does not exist\. \(GET/,
      'http',
      404,
    ],
    [
      'truncated JSON',
      response(200, '[{"id": "a'),
      /^Gnocchi's answer is not valid JSON \(10 characters, cut off or not JSON\)/,
      'parse',
      200,
    ],
    [
      'a 5xx without body',
      response(502, ''),
      /^Gnocchi 502 Bad Gateway\. \(GET http:\/\/g:8041\/v1\/v1\/resource_type\)$/,
      'http',
      502,
    ],
  ])('Gnocchi URL answering %s', async (_n, res, expected, kind, status) => {
    const e = await failure(noauth(() => res).request('GET', '/v1/resource_type'));
    expect(e).toMatchObject({ kind, status });
    expect(e.message).toMatch(expected);
  });
});

describe('class 6, 7, 9: messages, timeout setting, defects', () => {
  it('class 6: webob JSON messages with HTML and the generic preamble become clean text', async () => {
    const body = JSON.stringify({
      message:
        'The server could not comply with the request since it is either malformed or otherwise incorrect.<br /><br />\nInvalid input: &quot;x&quot;\n\n',
      code: '400 Bad Request',
      title: 'Bad Request',
    });
    const e = await failure(
      new GnocchiClient({ url: 'http://g', access: 'direct', jsonData: { mode: 'noauth' } }, async () =>
        response(400, body)
      ).request('GET', '/v1/x')
    );
    expect(e.message).toBe('Gnocchi 400 Bad Request: Invalid input: "x". (GET http://g/v1/x)');
  });

  it.each([['30s'], [-5], [NaN], ['abc'], [0], [1e9]])(
    'class 7: timeout %j is a configuration error naming the field',
    async (timeout) => {
      const { requests, transport } = recorder(() => response(200, []));
      const client = new GnocchiClient(
        { url: 'http://g', access: 'direct', jsonData: { mode: 'noauth', timeout: timeout as any } },
        transport
      );
      const e = await failure(client.request('GET', '/v1/x'));
      expect(e.kind).toBe('config');
      expect(e.message).toMatch(/^The timeout setting must be a number of seconds .*\(got /);
      expect(requests).toHaveLength(0);
    }
  );

  it.each([
    [undefined, 30_000],
    ['', 30_000],
    ['45', 45_000],
    [' 2.5 ', 2_500],
    [10, 10_000],
  ])('class 7: timeout %j is accepted', async (timeout, ms) => {
    const { requests, transport } = recorder(() => response(200, []));
    await new GnocchiClient(
      { url: 'http://g', access: 'direct', jsonData: { mode: 'noauth', timeout: timeout as any } },
      transport
    ).request('GET', '/v1/x');
    expect(requests[0].timeoutMs).toBe(ms);
  });

  it('D4: the URL in a message is never altered', async () => {
    const e = await failure(
      new GnocchiClient({ url: 'http://g/a..b', access: 'direct', jsonData: { mode: 'noauth' } }, async () =>
        response(500, '')
      ).request('GET', '/v1/metric/..')
    );
    expect(e.message).toBe('Gnocchi 500 Internal Server Error. (GET http://g/a..b/v1/metric/..)');
  });

  it('D8: a 2xx without body is an error naming Gnocchi and the URL, unless the caller allows it', async () => {
    const client = new GnocchiClient({ url: 'http://g', access: 'direct', jsonData: { mode: 'noauth' } }, async () =>
      response(200, '')
    );
    const e = await failure(client.request('GET', '/v1/resource_type'));
    expect(e).toMatchObject({ kind: 'parse', status: 200 });
    expect(e.message).toBe(
      'Gnocchi answered 200 with an empty body where JSON was expected (GET http://g/v1/resource_type)'
    );
    expect(await client.request('GET', '/v1/resource_type', { allowEmpty: true })).toBeUndefined();
  });

  it('D9: token times follow the injected clock (a token without times, a Keystone clock hours behind)', async () => {
    for (const body of [
      { token: { catalog } },
      { token: { catalog, issued_at: '2020-01-01T00:00:00Z', expires_at: '2020-01-01T01:00:00Z' } },
    ]) {
      const { transport } = recorder((req) =>
        req.service === 'Keystone' ? response(201, body, { 'X-Subject-Token': 't' }) : response(200, [])
      );
      let now = Date.parse('2031-06-01T00:00:00Z');
      const client = new GnocchiClient(keystoneSettings, transport, () => now);
      await client.request('GET', '/v1/x');
      now += 30 * 60_000;
      await client.request('GET', '/v1/x');
      expect(client.counts).toEqual({ keystone: 1, gnocchi: 2 });
      now += 31 * 60_000; // past the hour: a new token
      await client.request('GET', '/v1/x');
      expect(client.counts.keystone).toBe(2);
    }
  });
});

describe('class 8: token renewal through faults', () => {
  it('Keystone down inside the renewal margin: queries keep working with the valid token; it fails only once expired', async () => {
    let keystoneUp = true;
    let now = Date.parse('2030-01-01T00:00:00Z');
    const issued = (t: number) => ({
      token: { catalog, issued_at: new Date(t).toISOString(), expires_at: new Date(t + 3_600_000).toISOString() },
    });
    const { requests, transport } = recorder((req) => {
      if (req.service === 'Keystone') {
        if (!keystoneUp) {
          throw new RequestError('The browser could not reach Keystone', 'Keystone', req.url, undefined, 'network');
        }
        return response(201, issued(now), { 'X-Subject-Token': `tok-${now}` });
      }
      return response(200, []);
    });
    const client = new GnocchiClient(keystoneSettings, transport, () => now);
    await client.request('GET', '/v1/x');
    keystoneUp = false;
    now += 3_600_000 - 60_000; // 1 min before expiry, inside the 2 min margin
    await expect(client.request('GET', '/v1/x')).resolves.toEqual([]);
    await expect(client.request('GET', '/v1/x')).resolves.toEqual([]);
    const ks = () => requests.filter((r) => r.service === 'Keystone').length;
    expect(ks()).toBe(2); // one background renewal, then the backoff
    now += 10_000;
    await client.request('GET', '/v1/x');
    expect(ks()).toBe(3); // retried after the backoff
    now += 60_000; // expired
    const e = await failure(client.request('GET', '/v1/x'));
    expect(e.message).toMatch(/could not reach Keystone/);
    keystoneUp = true;
    await expect(client.request('GET', '/v1/x')).resolves.toEqual([]);
  });
});
