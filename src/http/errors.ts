/**
 * Readable errors for everything a user can get wrong: HTTP errors carry the service's own
 * cause (Gnocchi `description`, Keystone `error.message`), the status and the URL; network
 * failures in browser mode explain CORS.
 */
export type Service = 'Keystone' | 'Gnocchi';

export class RequestError extends Error {
  constructor(
    message: string,
    readonly service: Service,
    readonly url: string,
    readonly status?: number,
    readonly kind: 'http' | 'network' | 'timeout' | 'cancelled' | 'config' = 'http'
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const MAX_CAUSE = 400;

function truncate(s: string, n = MAX_CAUSE): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

function stringifyDetail(d: unknown): string {
  if (d === undefined || d === null || d === '') {
    return '';
  }
  if (typeof d === 'string') {
    return d;
  }
  return JSON.stringify(d);
}

/** The service's own explanation in an error body (JSON of Gnocchi, Keystone, keystonemiddleware, or HTML/text). */
export function errorCause(body: string): string {
  const text = body.trim();
  if (!text) {
    return '';
  }
  try {
    const j = JSON.parse(text);
    if (j && typeof j === 'object') {
      // Keystone and keystonemiddleware: {"error": {"code", "title", "message"}}
      if (j.error && typeof j.error === 'object') {
        return truncate(String(j.error.message ?? j.error.title ?? ''));
      }
      // Gnocchi: {"code", "title", "description": string | {cause, reason, detail}}
      const d = j.description;
      if (d && typeof d === 'object') {
        const parts = [d.cause, d.reason, stringifyDetail(d.detail)].filter((p) => p !== undefined && p !== '');
        return truncate(parts.join(': '));
      }
      if (typeof d === 'string' && d) {
        return truncate(d);
      }
      if (typeof j.message === 'string') {
        return truncate(j.message);
      }
      if (typeof j.detail === 'string') {
        return truncate(j.detail);
      }
      if (typeof j.title === 'string') {
        return truncate(j.title);
      }
    }
  } catch {
    // not JSON: HTML or text
  }
  return truncate(text.replace(/<[^>]*>/g, ' '));
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function httpError(service: Service, method: string, url: string, status: number, body: string): RequestError {
  const cause = errorCause(body);
  const reason = REASONS[status] ?? '';
  let hint = '';
  if (service === 'Keystone' && status === 401) {
    hint = ' Check the user, password or application credential, and the project.';
  } else if (service === 'Gnocchi' && status === 403) {
    hint = ' The Keystone user lacks access to this resource or metric.';
  }
  const msg = `${service} ${status}${reason ? ' ' + reason : ''}${cause ? ': ' + cause : ''}.${hint} (${method} ${url})`;
  return new RequestError(msg.replace('..', '.'), service, url, status, 'http');
}

export function networkError(service: Service, method: string, url: string, origin?: string): RequestError {
  const from = origin ? ` from ${origin}` : '';
  const cfg = service === 'Keystone' ? 'keystone.conf' : 'gnocchi.conf';
  return new RequestError(
    `The browser could not reach ${service} at ${url}${from} (${method}). ` +
      `The usual cause is CORS: ${service} must allow this Grafana origin ([cors] allowed_origin in ${cfg}` +
      (service === 'Keystone' ? ', and expose X-Subject-Token' : '') +
      `). Otherwise ${service} is down or the URL is wrong; a ${service} 5xx error also arrives without CORS headers and looks the same.`,
    service,
    url,
    undefined,
    'network'
  );
}

export function timeoutError(service: Service, method: string, url: string, seconds: number): RequestError {
  return new RequestError(
    `${service} did not answer within ${seconds} s (${method} ${url})`,
    service,
    url,
    undefined,
    'timeout'
  );
}

export function cancelledError(service: Service, url: string): RequestError {
  return new RequestError('Request cancelled', service, url, undefined, 'cancelled');
}

/** Any thrown value → a message for a panel or Save & test. */
export function messageOf(e: unknown): string {
  if (e instanceof Error) {
    return e.message;
  }
  if (typeof e === 'string') {
    return e;
  }
  if (e && typeof e === 'object') {
    const o = e as { message?: unknown; data?: { message?: unknown }; statusText?: unknown };
    return String(o.data?.message ?? o.message ?? o.statusText ?? JSON.stringify(e));
  }
  return String(e);
}
