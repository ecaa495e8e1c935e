/**
 * A stand-in for Grafana's BackendSrv (`public/app/core/services/backend_srv.ts`, Grafana 10.2–13.2),
 * for what plugins call through `getBackendSrv()`. It reproduces:
 *
 * - `X-Grafana-Device-Id` on EVERY request, cross-origin included (Grafana 10.2 → 13.2, until PR
 *   grafana/grafana#130879). Against Keystone/Gnocchi this header fails the CORS preflight: a plugin
 *   that used backendSrv for direct (browser-mode) calls breaks here exactly as it does in Grafana.
 * - Only for local URLs (`isLocalUrl`: the URL does not start with `http`): `X-Grafana-Org-Id`,
 *   `Authorization` moved to `X-DS-Authorization`, `X-Grafana-NoCache` when `withNoBackendCache`,
 *   and the leading `/` stripped (relative to Grafana's app sub-URL; here the page root).
 * - `Accept: application/json, text/plain, *\/*` unless set; `Content-Type: application/json` for
 *   POST/PUT/PATCH unless set; object bodies JSON-encoded (URL-encoded for other content types).
 * - `credentials`: the option, else `'include'` for the deprecated `withCredentials`, else `'same-origin'`.
 * - Responses parsed by `responseType` (`text`, `blob`, `arraybuffer`), else JSON when possible.
 * - Non-2xx: the Observable errors with a FetchError `{status, statusText, data, config, headers}`;
 *   network failures with status 0-less `{data: {message}}`-like errors (Grafana rethrows the TypeError).
 * - `requestId`: a new request with the same id cancels the one in flight.
 * - No toasts, no 401 login refresh (Grafana does those only for local URLs of a signed-in user; the
 *   host has no Grafana API: `/api/*` answers 404 from the host server).
 *
 * Every request is recorded in `window.__backendSrvCalls` for tests.
 */
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable, Subject } from 'rxjs';

declare global {
  interface Window {
    __backendSrvCalls: Array<{ url: string; method: string; headers: Record<string, string> }>;
  }
}

const isLocalUrl = (url: string) => !url.match(/^http/);

function deviceId(): string {
  const KEY = 'grafana.deviceID';
  let id = localStorage.getItem(KEY);
  if (!id) {
    id = Math.random().toString(36).slice(2) + Date.now().toString(36);
    localStorage.setItem(KEY, id);
  }
  return id;
}

export class HostBackendSrv {
  private readonly inFlight = new Subject<string>();
  private readonly deviceID = deviceId();

  constructor(private readonly orgId = 1) {
    window.__backendSrvCalls = [];
  }

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const ac = new AbortController();
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      let url = options.url;
      const method = (options.method ?? 'GET').toUpperCase();
      if (isLocalUrl(url)) {
        headers['X-Grafana-Org-Id'] = String(this.orgId);
        if (url.startsWith('/')) {
          url = url.substring(1);
        }
        if (headers.Authorization) {
          headers['X-DS-Authorization'] = headers.Authorization;
          delete headers.Authorization;
        }
        if ((options as { withNoBackendCache?: boolean }).withNoBackendCache) {
          headers['X-Grafana-NoCache'] = 'true';
        }
        url = '/' + url; // the host's app sub-URL is the root
      }
      if (this.deviceID) {
        headers['X-Grafana-Device-Id'] = this.deviceID;
      }
      const lower = Object.fromEntries(Object.keys(headers).map((k) => [k.toLowerCase(), k]));
      if (!lower.accept) {
        headers.accept = 'application/json, text/plain, */*';
      }
      if (['POST', 'PUT', 'PATCH'].includes(method) && !lower['content-type']) {
        headers['content-type'] = 'application/json';
      }
      const contentType = headers[lower['content-type'] ?? 'content-type'] ?? '';
      let body: BodyInit | undefined;
      const data = options.data;
      if (data !== undefined && data !== null) {
        if (
          typeof data === 'string' ||
          data instanceof Blob ||
          data instanceof FormData ||
          data instanceof ArrayBuffer
        ) {
          body = data as BodyInit;
        } else if (/json/i.test(contentType)) {
          body = JSON.stringify(data);
        } else {
          body = new URLSearchParams(data as Record<string, string>);
        }
      }
      if (options.params && Object.keys(options.params).length) {
        const qs = new URLSearchParams();
        for (const [k, v] of Object.entries(options.params)) {
          for (const one of Array.isArray(v) ? v : [v]) {
            qs.append(k, String(one));
          }
        }
        url += (url.includes('?') ? '&' : '?') + qs.toString();
      }
      const credentials: RequestCredentials =
        options.credentials ?? (options.withCredentials ? 'include' : 'same-origin');
      window.__backendSrvCalls.push({ url, method, headers: { ...headers } });

      let cancelSub: { unsubscribe(): void } | undefined;
      if (options.requestId) {
        const id = options.requestId;
        this.inFlight.next(id);
        cancelSub = this.inFlight.subscribe((other) => {
          if (other === id) {
            ac.abort();
            subscriber.complete();
          }
        });
      }

      fetch(url, { method, headers, body, credentials, signal: ac.signal })
        .then(async (res) => {
          let parsed: unknown;
          const text =
            options.responseType === 'blob' || options.responseType === 'arraybuffer' ? undefined : await res.text();
          if (options.responseType === 'blob') {
            parsed = await res.blob();
          } else if (options.responseType === 'arraybuffer') {
            parsed = await res.arrayBuffer();
          } else if (options.responseType === 'text') {
            parsed = text;
          } else {
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = text;
            }
          }
          const response = {
            data: parsed as T,
            status: res.status,
            statusText: res.statusText,
            ok: res.ok,
            headers: res.headers,
            url: res.url,
            type: res.type,
            redirected: res.redirected,
            config: options,
          } as FetchResponse<T>;
          if (!res.ok) {
            const err: FetchError = {
              status: res.status,
              statusText: res.statusText,
              data: parsed as FetchError['data'],
              config: options,
            };
            (err as FetchError & { headers: Headers }).headers = res.headers;
            subscriber.error(err);
            return;
          }
          subscriber.next(response);
          subscriber.complete();
        })
        .catch((e) => {
          if (!ac.signal.aborted) {
            subscriber.error(e);
          }
        });
      return () => {
        cancelSub?.unsubscribe();
        ac.abort();
      };
    });
  }

  private async req<T>(method: string, url: string, data?: unknown, options: Partial<BackendSrvRequest> = {}) {
    const res = await lastValueFrom(this.fetch<T>({ ...options, url, method, data }));
    return res.data;
  }

  request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return lastValueFrom(this.fetch<T>(options)).then((r) => r.data);
  }
  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }
  get<T = unknown>(
    url: string,
    params?: BackendSrvRequest['params'],
    requestId?: string,
    options?: Partial<BackendSrvRequest>
  ) {
    return this.req<T>('GET', url, undefined, { ...options, params, requestId });
  }
  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.req<T>('DELETE', url, data, options);
  }
  post<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) {
    return this.req<T>('POST', url, data, options);
  }
  patch<T = unknown>(url: string, data: unknown, options?: Partial<BackendSrvRequest>) {
    return this.req<T>('PATCH', url, data, options);
  }
  put<T = unknown>(url: string, data: unknown, options?: Partial<BackendSrvRequest>) {
    return this.req<T>('PUT', url, data, options);
  }
  chunked(): Observable<never> {
    return new Observable((s) => s.error(new Error('chunked() is not supported by the playground host')));
  }
}

export function asBackendSrv(srv: HostBackendSrv): BackendSrv {
  return srv as unknown as BackendSrv;
}
