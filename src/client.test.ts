import { buildQueryString, ClientSettings, GnocchiClient, PAGE_LIMIT } from './client';
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
      { url: '/api/datasources/proxy/uid/abc', access: 'proxy', jsonData: { mode: 'application_credential' } },
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
