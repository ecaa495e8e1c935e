/**
 * Readable errors for everything a user can get wrong: HTTP errors carry the service's own
 * cause (Gnocchi `description`, Keystone `error.message`), the status and the URL; network
 * failures in browser mode explain CORS. Every error has a `kind` callers and tests can branch on.
 */
import { cleanCause, looksLikeHtml } from './text';

export type Service = 'Keystone' | 'Gnocchi';

/**
 * - `config`: a setting is missing or invalid, or the URL does not lead to the service's API
 * - `network`: no answer (down, wrong host, CORS in a browser, connection cut)
 * - `cors`: an answer the browser hides part of (X-Subject-Token not exposed)
 * - `redirect`: the service redirected (e.g. http → https); never followed
 * - `auth`: credentials or token refused (401)
 * - `http`: any other error status, with the service's own cause
 * - `parse`: a 2xx answer that is not the JSON expected (empty, cut off, not JSON)
 * - `timeout`, `cancelled`
 */
export type ErrorKind =
  'config' | 'network' | 'cors' | 'redirect' | 'auth' | 'http' | 'parse' | 'timeout' | 'cancelled';

export class RequestError extends Error {
  constructor(
    message: string,
    readonly service: Service,
    readonly url: string,
    readonly status?: number,
    readonly kind: ErrorKind = 'http'
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** Removes secrets from a text (see http/redact.ts); identity when nothing is secret. */
export type Redact = (s: string) => string;
const keep: Redact = (s) => s;

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

function parseObject(text: string): Record<string, any> | undefined {
  try {
    const j = JSON.parse(text);
    return j && typeof j === 'object' && !Array.isArray(j) ? j : undefined;
  } catch {
    return undefined;
  }
}

function jsonCause(j: Record<string, any>): string | undefined {
  // Keystone and keystonemiddleware: {"error": {"code", "title", "message"}}
  if (j.error && typeof j.error === 'object') {
    return String(j.error.message ?? j.error.title ?? '');
  }
  // Gnocchi: {"code", "title", "description": string | {cause, reason, detail}}
  const d = j.description;
  if (d && typeof d === 'object') {
    return [d.cause, d.reason, stringifyDetail(d.detail)].filter((p) => p !== undefined && p !== '').join(': ');
  }
  if (typeof d === 'string' && d) {
    return d;
  }
  // webob's JSON errors: {"message", "code": "400 Bad Request", "title"}
  for (const k of ['message', 'detail', 'title']) {
    if (typeof j[k] === 'string') {
      return j[k];
    }
  }
  return undefined;
}

/**
 * The service's own explanation in an error body (JSON of Gnocchi, Keystone, keystonemiddleware,
 * webob, or HTML/text), as clean text. `redact` runs on the raw body and on the extracted cause,
 * before anything is cut, so that no part of a secret survives.
 */
export function errorCause(body: string, statusLine?: string, redact: Redact = keep): string {
  const text = redact(body).trim();
  if (!text) {
    return '';
  }
  const j = parseObject(text);
  const fromJson = j ? jsonCause(j) : undefined;
  return truncate(cleanCause(redact(fromJson ?? text), statusLine, fromJson === undefined && looksLikeHtml(text)));
}

/**
 * How a Gnocchi error body reads: `own` = Gnocchi's JSON error about this request (an unknown
 * metric, a bad filter), `route` = Gnocchi's JSON 404 for a path it does not serve (description
 * null), `foreign` = anything else (a proxy's or another server's page).
 */
export function gnocchiErrorShape(body: string): 'own' | 'route' | 'foreign' {
  const j = parseObject(body.trim());
  if (!j || typeof j.code !== 'number' || !('description' in j)) {
    // including Keystone's {"error": {...}}: Gnocchi itself never answers 404 that way
    return 'foreign';
  }
  return j.description === null || j.description === '' ? (j.code === 404 ? 'route' : 'own') : 'own';
}

export { looksLikeHtml };

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** `Gnocchi 404 Not Found` */
export function statusLine(status: number): string {
  const reason = REASONS[status];
  return reason ? `${status} ${reason}` : String(status);
}

/** Joins sentences: one full stop, never two, and the URL is never touched. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/.test(t) ? t : t + '.';
}

export interface HttpErrorOptions {
  redact?: Redact;
  /** Replaces the default hint for this status. */
  hint?: string;
}

export function httpError(
  service: Service,
  method: string,
  url: string,
  status: number,
  body: string,
  options: HttpErrorOptions = {}
): RequestError {
  const line = statusLine(status);
  const cause = errorCause(body, line, options.redact);
  let hint = options.hint;
  if (hint === undefined) {
    if (service === 'Keystone' && status === 401) {
      hint = 'Check the user, password or application credential, and the project.';
    } else if (service === 'Gnocchi' && status === 403) {
      hint = 'The Keystone user lacks access to this resource or metric.';
    }
  }
  const head = sentence(`${service} ${line}${cause ? ': ' + cause : ''}`);
  const msg = `${head}${hint ? ' ' + sentence(hint) : ''} (${method} ${url})`;
  return new RequestError(msg, service, url, status, status === 401 ? 'auth' : 'http');
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
  const s = Number(seconds.toFixed(3));
  return new RequestError(
    `${service} did not answer within ${s} s (${method} ${url})`,
    service,
    url,
    undefined,
    'timeout'
  );
}

export function cancelledError(service: Service, url: string): RequestError {
  return new RequestError('Request cancelled', service, url, undefined, 'cancelled');
}

/** The connection closed while the body was read (a crash, a proxy limit). */
export function cutOffError(service: Service, method: string, url: string, status: number): RequestError {
  return new RequestError(
    `${service}'s answer (${status}) was cut off: the connection closed while it was being read (${method} ${url})`,
    service,
    url,
    status,
    'network'
  );
}

export function configError(service: Service, url: string, message: string, status?: number): RequestError {
  return new RequestError(message, service, url, status, 'config');
}

/** The base URL a redirect suggests: the Location without the path that was asked for. */
function suggestedBase(location: string, requestUrl: string, base?: string): string | undefined {
  if (!base || !requestUrl.startsWith(base)) {
    return undefined;
  }
  const suffix = requestUrl.slice(base.length);
  const noQuery = suffix.replace(/\?.*$/, '');
  for (const s of [suffix, noQuery]) {
    if (s && location.endsWith(s)) {
      return location.slice(0, location.length - s.length);
    }
  }
  return undefined;
}

/**
 * A redirect answered by Keystone or Gnocchi. It is never followed: it would replay the request
 * (and the Keystone password) to another place, and browsers turn a redirected CORS POST into a
 * GET that then fails as a misleading 401 or CORS error. `location` is unknown in browsers
 * (`redirect: 'manual'` gives an opaque answer).
 */
export function redirectError(
  service: Service,
  method: string,
  url: string,
  status: number,
  location: string | null,
  setting: string,
  base?: string
): RequestError {
  let msg: string;
  if (location) {
    let target = location;
    try {
      target = new URL(location, url).toString();
    } catch {
      // keep it as it came
    }
    const newBase = suggestedBase(target, url, base);
    msg =
      `${service} redirected to ${target}; use that URL` +
      (newBase ? `: set ${setting} to ${newBase}` : ` in ${setting}`) +
      ` (${method} ${url} answered ${status})`;
  } else {
    msg =
      `${service} answered with a redirect that the plugin does not follow (often http → https, or a missing` +
      ` path prefix); the browser does not tell where it leads: open ${url} in a browser tab and set ${setting}` +
      ` to the address it ends at (${method} ${url})`;
  }
  return new RequestError(msg, service, url, status || undefined, 'redirect');
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
