import { Observable, of, throwError } from 'rxjs';

import { errorCause, httpError, messageOf, networkError } from './errors';
import { serverTransport } from './proxy';
import { fetchTransport, HttpRequest, ProxyFetcher, proxyTransport } from './transport';

const req: HttpRequest = {
  service: 'Gnocchi',
  method: 'GET',
  url: '/api/datasources/proxy/uid/x/gnocchi/v1/resource_type',
  headers: {},
};

function backend(result: () => Observable<any>): ProxyFetcher & { calls: any[] } {
  const calls: any[] = [];
  return {
    calls,
    fetch: (options) => {
      calls.push(options);
      return result();
    },
  };
}

describe('proxyTransport (server mode)', () => {
  it('asks for text, without Grafana error toasts, and returns status and headers', async () => {
    const b = backend(() => of({ status: 200, data: '[]', headers: new Headers({ 'X-Subject-Token': 't' }) }));
    const res = await proxyTransport(b)({ ...req, headers: { Accept: 'application/json' } });
    expect(res).toMatchObject({ status: 200, text: '[]' });
    expect(res.header('x-subject-token')).toBe('t');
    expect(b.calls[0]).toMatchObject({
      url: req.url,
      method: 'GET',
      responseType: 'text',
      showErrorAlert: false,
      headers: { Accept: 'application/json' },
    });
  });

  it("turns the proxy's rewrite of an upstream 401 (400 Authentication to data source failed) back into 401", async () => {
    const b = backend(() =>
      throwError(() => ({ status: 400, data: 'Authentication to data source failed', headers: new Headers() }))
    );
    const res = await proxyTransport(b)(req);
    expect(res.status).toBe(401);
  });

  it('keeps other HTTP errors with their body', async () => {
    const body = JSON.stringify({ code: 400, description: { cause: 'Invalid operations' } });
    const res = await proxyTransport(backend(() => throwError(() => ({ status: 400, data: body }))))(req);
    expect(res).toMatchObject({ status: 400, text: body });
  });

  it('a failure without status is a readable proxy error', async () => {
    await expect(proxyTransport(backend(() => throwError(() => new Error('boom'))))(req)).rejects.toThrow(
      /Grafana's data source proxy failed for .*: boom/
    );
  });
});

describe('fetchTransport (browser mode)', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
    jest.useRealTimers();
  });

  it('a fetch TypeError becomes the CORS explanation with the URL', async () => {
    global.fetch = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(
      fetchTransport({ ...req, service: 'Keystone', method: 'POST', url: 'http://ks:5000/v3/auth/tokens' })
    ).rejects.toThrow(
      /^The browser could not reach Keystone at http:\/\/ks:5000\/v3\/auth\/tokens .*CORS.*expose X-Subject-Token/
    );
  });

  it('never hangs: a request without answer ends with a timeout error', async () => {
    global.fetch = jest.fn(
      (_url: any, init: any) =>
        new Promise((_resolve, reject) =>
          init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
        )
    ) as any;
    await expect(fetchTransport({ ...req, url: 'http://g/x', timeoutMs: 50 })).rejects.toThrow(
      'Gnocchi did not answer within 0.05 s (GET http://g/x)'
    );
  });

  it('a cancelled request (Grafana unsubscribed) is reported as cancelled', async () => {
    const ac = new AbortController();
    global.fetch = jest.fn(
      (_url: any, init: any) =>
        new Promise((_resolve, reject) =>
          init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
        )
    ) as any;
    const p = fetchTransport({ ...req, url: 'http://g/x', signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('error messages', () => {
  it.each([
    [
      '{"code":400,"title":"Bad Request","description":{"cause":"Invalid operations","reason":"Fail to parse","detail":"Expected ) (at char 5)"}}',
      'Invalid operations: Fail to parse: Expected ) (at char 5)',
    ],
    ['{"code":404,"description":"Metric abc does not exist"}', 'Metric abc does not exist'],
    [
      '{"code":400,"description":{"cause":"Metrics not found","detail":["cpu","mem"]}}',
      'Metrics not found: ["cpu","mem"]',
    ],
    [
      '{"error":{"code":401,"title":"Unauthorized","message":"The request you have made requires authentication."}}',
      'The request you have made requires authentication.',
    ],
    [
      '{"message":"The server is currently unavailable.","code":"503 Service Unavailable"}',
      'The server is currently unavailable.',
    ],
    ['<html><body><h1>400 Bad Request</h1> bad </body></html>', '400 Bad Request bad'],
    ['', ''],
  ])('errorCause(%s)', (body, cause) => {
    expect(errorCause(body)).toBe(cause);
  });

  it('long causes are truncated (Keystone dumps its JSON schema into 400 messages)', () => {
    expect(errorCause(JSON.stringify({ error: { message: 'x'.repeat(3000) } })).length).toBe(400);
  });

  it('status, reason, cause, hint and URL', () => {
    expect(
      httpError('Gnocchi', 'GET', 'http://g/v1/metric/x', 403, '{"code":403,"title":"Forbidden","description":""}')
        .message
    ).toBe(
      'Gnocchi 403 Forbidden. The Keystone user lacks access to this resource or metric. (GET http://g/v1/metric/x)'
    );
    expect(httpError('Gnocchi', 'GET', 'http://g/', 500, '').message).toBe(
      'Gnocchi 500 Internal Server Error. (GET http://g/)'
    );
    expect(networkError('Gnocchi', 'GET', 'http://g/', 'http://localhost:3000').message).toMatch(
      /from http:\/\/localhost:3000 .*\[cors\] allowed_origin in gnocchi\.conf.*5xx/
    );
    expect(messageOf({ data: { message: 'from backendSrv' } })).toBe('from backendSrv');
  });
});

describe('fetchTransport: redirects, cut-off bodies, timeouts (issue 12)', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it("never follows a redirect: asks fetch for redirect: 'manual' and reports a browser's opaque redirect", async () => {
    const calls: any[] = [];
    global.fetch = jest.fn(async (_u: any, init: any) => {
      calls.push(init);
      return { type: 'opaqueredirect', status: 0, headers: new Headers(), text: async () => '' } as any;
    }) as any;
    const res = await fetchTransport({ ...req, url: 'http://g/x' });
    expect(calls[0].redirect).toBe('manual');
    expect(res).toMatchObject({ status: 0, opaqueRedirect: true });
  });

  it('a body cut off by a closed connection is named as such, with the status', async () => {
    global.fetch = jest.fn(async () => ({
      type: 'basic',
      status: 200,
      headers: new Headers(),
      text: async () => {
        throw new TypeError('terminated');
      },
    })) as any;
    await expect(fetchTransport({ ...req, url: 'http://g/x' })).rejects.toMatchObject({
      kind: 'network',
      status: 200,
      message: "Gnocchi's answer (200) was cut off: the connection closed while it was being read (GET http://g/x)",
    });
  });

  it.each([[NaN], [-1], [0]])(
    'a timeout of %p falls back to the default instead of firing at once',
    async (timeoutMs) => {
      global.fetch = jest.fn(async () => ({
        type: 'basic',
        status: 200,
        headers: new Headers(),
        text: async () => '[]',
      })) as any;
      await expect(fetchTransport({ ...req, url: 'http://g/x', timeoutMs })).resolves.toMatchObject({ status: 200 });
    }
  );
});

describe('proxyTransport with @grafana/runtime isFetchError (server mode)', () => {
  it('a cancelled backendSrv request is reported as cancelled', async () => {
    const b = backend(() => throwError(() => ({ status: -1, data: undefined, cancelled: true })));
    await expect(serverTransport(b)(req)).rejects.toMatchObject({ kind: 'cancelled' });
  });

  it('Grafana itself unreachable (status 0) is a readable network error', async () => {
    const b = backend(() => throwError(() => ({ status: 0, data: undefined, message: 'Failed to fetch' })));
    await expect(serverTransport(b)(req)).rejects.toMatchObject({ kind: 'network' });
  });

  it('a JSON error object from the proxy keeps its body as text', async () => {
    const b = backend(() => throwError(() => ({ status: 502, data: { message: 'Bad Gateway' } })));
    await expect(serverTransport(b)(req)).resolves.toMatchObject({ status: 502, text: '{"message":"Bad Gateway"}' });
  });
});
