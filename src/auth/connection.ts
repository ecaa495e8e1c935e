/**
 * A data source's connection settings, checked once before any request: where requests may go
 * (absolute http(s) URLs only, user info split off), which headers authenticate them, the timeout,
 * and every secret that must never appear in a message. The first problem found is kept and
 * reported instead of sending anything.
 */
import { configError, RequestError, Service } from '../http/errors';
import { basicAuthSecrets } from '../http/redact';
import { describeProblem, maskPassword, parseBaseUrl, urlPassword } from '../http/urls';
import type { AuthMode, GnocchiOptions } from '../types';
import { keystoneV3Url } from './keystone';

export interface ClientSettings {
  /** The data source URL: Keystone in the Keystone modes, Gnocchi otherwise (old plugin's rule). */
  url: string;
  jsonData: GnocchiOptions;
  /** `proxy` = server mode (Grafana data source proxy routes), else browser mode. */
  access: 'direct' | 'proxy';
  /** Basic auth header value when Grafana's basic auth is configured (browser mode). */
  basicAuth?: string;
}

export interface Connection {
  mode: AuthMode;
  server: boolean;
  /** Keystone v3 base (browser mode) or the prefix of the proxy's Keystone routes (server mode). */
  keystoneUrl?: string;
  /** Gnocchi base when known without Keystone's catalog. */
  gnocchiUrl?: string;
  timeoutMs: number;
  /** Authentication headers of the token and basic modes. */
  headers: Record<string, string>;
  secrets: string[];
  /** The first configuration problem: no request is sent while there is one. */
  problem?: RequestError;
}

export const DEFAULT_TIMEOUT_S = 30;
/** Above this, setTimeout overflows and fires at once; no dashboard needs more. */
const MAX_TIMEOUT_S = 86_400;

export function isKeystoneMode(mode: AuthMode): boolean {
  return mode === 'keystone' || mode === 'application_credential';
}

/** Seconds from the `timeout` setting (a number or a numeric string), or why it is invalid. */
export function timeoutSeconds(value: unknown): number | string {
  if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
    return DEFAULT_TIMEOUT_S;
  }
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_S) {
    const shown = typeof value === 'string' ? `"${value}"` : String(value);
    return `The timeout setting must be a number of seconds between 0 and ${MAX_TIMEOUT_S} (got ${shown}); e.g. 30`;
  }
  return n;
}

/** `Basic base64(user:password)` with UTF-8 (RFC 7617), which btoa alone cannot encode. */
export function basicHeader(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let latin1 = '';
  bytes.forEach((b) => (latin1 += String.fromCharCode(b)));
  return 'Basic ' + btoa(latin1);
}

const HEADER_SAFE = /^[\x21-\x7e]+$/;

export function resolveConnection(s: ClientSettings): Connection {
  const jd = s.jsonData ?? {};
  const server = s.access === 'proxy';
  const dsUrl = server ? undefined : parseBaseUrl(s.url);
  const urlUser = dsUrl?.ok ? dsUrl.value : undefined;
  const mode: AuthMode = jd.mode ?? (s.basicAuth || urlUser?.username ? 'basic' : 'noauth');
  const keystone = isKeystoneMode(mode);
  const problems: RequestError[] = [];
  const problem = (service: Service, url: string, message: string) =>
    problems.push(configError(service, maskPassword(url), message));
  const c: Connection = { mode, server, timeoutMs: DEFAULT_TIMEOUT_S * 1000, headers: {}, secrets: [] };

  c.secrets.push(...basicAuthSecrets(s.basicAuth));
  // passwords written into any URL setting, valid or not
  for (const raw of [s.url, jd.endpoint, jd.keystoneUrl]) {
    const pw = urlPassword(raw);
    if (pw) {
      c.secrets.push(pw);
    }
  }
  if (!server) {
    c.secrets.push(
      ...[jd.password, jd.appCredentialSecret, jd.token?.trim(), jd.token].filter((x): x is string => !!x)
    );
  }

  const timeout = timeoutSeconds(jd.timeout);
  if (typeof timeout === 'string') {
    problem(keystone ? 'Keystone' : 'Gnocchi', s.url ?? '', timeout);
  } else {
    c.timeoutMs = timeout * 1000;
  }

  // An explicit Gnocchi URL (required in server mode, where Grafana's proxy cannot follow the catalog)
  const endpointRaw = (jd.endpoint ?? '').trim();
  const endpoint = endpointRaw ? parseBaseUrl(endpointRaw) : undefined;
  if (endpoint && !endpoint.ok) {
    problem(
      'Gnocchi',
      endpointRaw,
      `${describeProblem('The Gnocchi URL setting', endpointRaw, endpoint.problem)}; e.g. http://gnocchi:8041`
    );
  }

  if (server) {
    const base = (s.url ?? '').replace(/\/+$/, '');
    if (keystone) {
      c.keystoneUrl = `${base}/keystone`;
      const ks = parseBaseUrl(jd.keystoneUrl);
      if (!ks.ok) {
        problem(
          'Keystone',
          c.keystoneUrl,
          `${describeProblem("The Keystone URL of Grafana's proxy routes", jd.keystoneUrl, ks.problem)}: set the data source URL to Keystone (e.g. http://keystone:5000/v3) and save the settings`
        );
      }
      if (!endpointRaw) {
        problem(
          'Gnocchi',
          base,
          "Server mode needs the Gnocchi URL setting (Grafana's proxy cannot follow the Keystone catalog); e.g. http://gnocchi:8041"
        );
      }
    }
    // plugin.json routes: `gnocchi-token` adds the static token from secureJsonData
    c.gnocchiUrl = `${base}/${mode === 'token' ? 'gnocchi-token' : 'gnocchi'}`;
  } else if (keystone) {
    if (!dsUrl!.ok) {
      problem(
        'Keystone',
        s.url ?? '',
        `${describeProblem('The Keystone URL (the data source URL)', s.url, dsUrl!.problem)}: set it to Keystone, e.g. http://keystone:5000/v3`
      );
    } else {
      c.keystoneUrl = keystoneV3Url(dsUrl!.value.url);
    }
    if (endpoint?.ok) {
      c.gnocchiUrl = endpoint.value.url;
    }
    const secret = mode === 'keystone' ? jd.password : jd.appCredentialSecret;
    if (!secret) {
      problem(
        'Keystone',
        c.keystoneUrl ?? s.url ?? '',
        mode === 'keystone' ? 'Set the Keystone password' : 'Set the application credential secret'
      );
    }
  } else {
    if (endpoint?.ok) {
      c.gnocchiUrl = endpoint.value.url;
    } else if (!endpoint) {
      if (dsUrl!.ok) {
        c.gnocchiUrl = dsUrl!.value.url;
      } else {
        problem(
          'Gnocchi',
          s.url ?? '',
          `${describeProblem('The Gnocchi URL (the data source URL)', s.url, dsUrl!.problem)}: set it to Gnocchi, e.g. http://gnocchi:8041`
        );
      }
    }
  }

  if (mode === 'token' && !server) {
    const token = (jd.token ?? '').trim();
    if (!token) {
      problem(
        'Gnocchi',
        c.gnocchiUrl ?? '',
        'The static token is empty: set a Keystone token (e.g. from "openstack token issue"), or use a Keystone password or application credential, which the plugin renews itself'
      );
    } else if (!HEADER_SAFE.test(token)) {
      problem(
        'Gnocchi',
        c.gnocchiUrl ?? '',
        'The static token contains spaces, line breaks or other characters an HTTP header cannot carry: paste the token alone'
      );
    } else {
      c.headers['X-Auth-Token'] = token;
    }
  }

  if (mode === 'basic') {
    if (s.basicAuth) {
      c.headers.Authorization = s.basicAuth;
    } else if (!server) {
      const user = jd.username || urlUser?.username;
      if (user) {
        c.headers.Authorization = basicHeader(user, urlUser?.password ?? '');
        c.secrets.push(...basicAuthSecrets(c.headers.Authorization));
      } else {
        problem(
          'Gnocchi',
          c.gnocchiUrl ?? '',
          "Set the user name for Gnocchi's basic auth (auth_mode = basic takes the user name only)"
        );
      }
    }
  }

  c.problem = problems[0];
  return c;
}

/** What a client is configured with, for Save & test's report (no secret). */
export interface ClientDescription {
  server: boolean;
  /** The Gnocchi URL setting, when set (then the catalog is not used). */
  endpointSetting?: string;
  interface: string;
  region?: string;
  /** When the current Keystone token expires (epoch ms, the client's clock), if there is one. */
  tokenExpiresAt?: number;
}
