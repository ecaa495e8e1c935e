/**
 * HTTP transports. Browser mode uses `window.fetch` (never Grafana's backendSrv, which adds
 * `X-Grafana-Device-Id` to every request and so fails the CORS preflight of Keystone and
 * Gnocchi). Server mode goes through Grafana's data source proxy, same origin.
 */
import { lastValueFrom, Observable } from 'rxjs';
import { cancelledError, cutOffError, networkError, RequestError, Service, timeoutError } from './errors';
import { acquireSlot } from './originQueue';

export interface HttpRequest {
  service: Service;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Header lookup (case-insensitive). */
  header(name: string): string | null;
  text: string;
  /**
   * A redirect the browser hides (`redirect: 'manual'` gives an `opaqueredirect` answer: status 0,
   * no headers). Node's fetch gives the 3xx status and its Location instead.
   */
  opaqueRedirect?: boolean;
}

export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

export const DEFAULT_TIMEOUT_MS = 30_000;

function timeoutOf(req: HttpRequest): number {
  return typeof req.timeoutMs === 'number' && Number.isFinite(req.timeoutMs) && req.timeoutMs > 0
    ? req.timeoutMs
    : DEFAULT_TIMEOUT_MS;
}

/** Run `fn` with an AbortSignal that fires on the caller's signal or after the timeout. */
async function withDeadline<T>(
  req: HttpRequest,
  fn: (signal: AbortSignal) => Promise<T>,
  onNetworkError: (e: unknown) => RequestError
): Promise<T> {
  if (req.signal?.aborted) {
    throw cancelledError(req.service, req.url);
  }
  const ac = new AbortController();
  const timeoutMs = timeoutOf(req);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    ac.abort();
  }, timeoutMs);
  const onAbort = () => ac.abort();
  if (req.signal) {
    if (req.signal.aborted) {
      ac.abort();
    }
    req.signal.addEventListener('abort', onAbort);
  }
  try {
    return await fn(ac.signal);
  } catch (e) {
    if (timedOut) {
      throw timeoutError(req.service, req.method, req.url, timeoutMs / 1000);
    }
    if (req.signal?.aborted) {
      throw cancelledError(req.service, req.url);
    }
    if (e instanceof RequestError) {
      throw e;
    }
    throw onNetworkError(e);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}

function browserOrigin(): string | undefined {
  return typeof window !== 'undefined' && window.location ? window.location.origin : undefined;
}

/** One browser fetch with its deadline. */
const browserFetch: Transport = (req) =>
  withDeadline(
    req,
    async (signal) => {
      const res = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal,
        mode: 'cors',
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'manual',
      });
      if (res.type === 'opaqueredirect') {
        return { status: 0, header: () => null, text: '', opaqueRedirect: true };
      }
      let text: string;
      try {
        text = await res.text();
      } catch {
        throw cutOffError(req.service, req.method, req.url, res.status);
      }
      return { status: res.status, header: (n: string) => res.headers.get(n), text };
    },
    () => networkError(req.service, req.method, req.url, browserOrigin())
  );

/**
 * Browser mode: plain fetch, cross-origin, no cookies, only the headers CORS allows, and redirects
 * not followed (they are reported: see `redirectError`). At most 6 requests per origin are handed
 * to the browser at once, so that the timeout does not count the wait for a connection
 * (originQueue.ts).
 */
export const fetchTransport: Transport = async (req) => {
  const release = await acquireSlot({ ...req, timeoutMs: timeoutOf(req) });
  let answered = false;
  try {
    const res = await browserFetch(req);
    answered = true;
    return res;
  } finally {
    release(answered);
  }
};

/** What server mode needs from Grafana's backendSrv (injected, to keep this module testable). */
export interface ProxyFetcher {
  fetch(options: {
    url: string;
    method: string;
    data?: unknown;
    headers?: Record<string, string>;
    responseType?: 'text';
    showErrorAlert?: boolean;
    showSuccessAlert?: boolean;
    requestId?: string;
  }): Observable<{ status: number; data: unknown; headers: Headers }>;
}

/** The shape of backendSrv's errors (`FetchError` of @grafana/runtime). */
export interface FetchErrorLike {
  status: number;
  data: unknown;
  statusText?: string;
  cancelled?: boolean;
  headers?: Headers;
}

/**
 * Structural stand-in for @grafana/runtime's `isFetchError` (same test: an object with `status`
 * and `data`). This module is also loaded by the benchmark in plain Node, where @grafana/runtime
 * cannot be imported; Grafana's own guard is passed in by `http/proxy.ts`.
 */
export function looksLikeFetchError(e: unknown): e is FetchErrorLike {
  return typeof e === 'object' && e !== null && 'status' in e && 'data' in e;
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') {
    return data;
  }
  return data === undefined || data === null ? '' : JSON.stringify(data);
}

/**
 * Server mode: same-origin requests to `/api/datasources/proxy/uid/<uid>/<route>`. The proxy turns
 * an upstream 401 into `400 Authentication to data source failed`; it is reported back as 401 so
 * that the caller re-authenticates.
 */
export function proxyTransport(
  backend: ProxyFetcher,
  isFetchError: (e: unknown) => e is FetchErrorLike = looksLikeFetchError
): Transport {
  return (req) =>
    withDeadline(
      req,
      async () => {
        try {
          const res = await lastValueFrom(
            backend.fetch({
              url: req.url,
              method: req.method,
              data: req.body,
              headers: req.headers,
              responseType: 'text',
              showErrorAlert: false,
              showSuccessAlert: false,
            })
          );
          return { status: res.status, header: (n: string) => res.headers?.get(n) ?? null, text: bodyText(res.data) };
        } catch (e) {
          if (!isFetchError(e)) {
            throw e;
          }
          if (e.cancelled) {
            throw cancelledError(req.service, req.url);
          }
          if (typeof e.status !== 'number' || e.status === 0) {
            throw e;
          }
          let text = bodyText(e.data);
          let status = e.status;
          if (status === 400 && /Authentication to data source failed/.test(text)) {
            status = 401;
            text = JSON.stringify({ error: { message: 'Authentication to data source failed (Grafana proxy)' } });
          }
          const headers = e.headers;
          return { status, header: (n: string) => headers?.get?.(n) ?? null, text };
        }
      },
      (e) =>
        new RequestError(
          `Grafana's data source proxy failed for ${req.url}: ${String((e as Error)?.message ?? e)}`,
          req.service,
          req.url,
          undefined,
          'network'
        )
    );
}
