/**
 * Base URLs the plugin may send requests to: absolute `http://` or `https://` only. A URL without
 * a scheme (`keystone:5000/v3`) would be resolved against Grafana's own origin by the browser, and
 * `fetch()` refuses URLs with credentials (`http://admin@gnocchi:8041`), so the user part is split
 * off here.
 */

export interface BaseUrl {
  /** Scheme, host, port and path, without user info and trailing slashes. */
  url: string;
  username?: string;
  password?: string;
}

export type BaseUrlProblem = 'empty' | 'not-absolute' | 'invalid' | 'query';

export type ParsedBaseUrl = { ok: true; value: BaseUrl } | { ok: false; problem: BaseUrlProblem };

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function parseBaseUrl(raw: string | undefined | null): ParsedBaseUrl {
  const text = (raw ?? '').trim();
  if (!text) {
    return { ok: false, problem: 'empty' };
  }
  if (!/^https?:\/\/[^/]/i.test(text)) {
    return { ok: false, problem: 'not-absolute' };
  }
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) {
    return { ok: false, problem: 'not-absolute' };
  }
  if (u.search || u.hash) {
    return { ok: false, problem: 'query' };
  }
  const path = u.pathname.replace(/\/+$/, '');
  const value: BaseUrl = { url: `${u.protocol}//${u.host}${path}` };
  if (u.username) {
    value.username = decode(u.username);
  }
  if (u.password) {
    value.password = decode(u.password);
  }
  return { ok: true, value };
}

const PROBLEMS: Record<BaseUrlProblem, string> = {
  empty: 'is empty',
  'not-absolute': 'is not an absolute http:// or https:// URL',
  invalid: 'is not a valid URL',
  query: 'must not carry a query string or fragment',
};

// `scheme://user:password@`, also without a scheme (`user:password@host`)
const USERINFO_PASSWORD = /^((?:[a-z][a-z0-9+.-]*:)?(?:\/\/)?[^/:@\s]*):([^/@\s]*)@/i;

/** The password written into a URL (`http://user:password@host`), even when the URL is invalid. */
export function urlPassword(raw: string | undefined | null): string | undefined {
  const m = USERINFO_PASSWORD.exec((raw ?? '').trim());
  if (!m || !m[2]) {
    return undefined;
  }
  try {
    return decodeURIComponent(m[2]);
  } catch {
    return m[2];
  }
}

/** The URL with its password replaced by `***`. */
export function maskPassword(raw: string | undefined | null): string {
  return (raw ?? '').trim().replace(USERINFO_PASSWORD, '$1:***@');
}

/** `The Keystone URL "keystone:5000" is not an absolute http:// or https:// URL` */
export function describeProblem(what: string, raw: string | undefined | null, problem: BaseUrlProblem): string {
  // never show a password written into the URL
  const shown = maskPassword(raw);
  return problem === 'empty' ? `${what} ${PROBLEMS.empty}` : `${what} "${shown}" ${PROBLEMS[problem]}`;
}
