/**
 * Inline checks of the config editor (pure): the messages shown under a field while it is typed.
 * URL shapes come from the same helpers that validate the settings before any request
 * (http/urls.ts, auth/connection.ts), so the editor and Save & test never disagree.
 */
import { timeoutSeconds } from '../../auth/connection';
import { describeProblem, parseBaseUrl } from '../../http/urls';

/** Why the Keystone URL (the data source URL in the Keystone modes) cannot be used; `/v3` or not, both fine. */
export function keystoneUrlError(raw: string | undefined): string | undefined {
  const parsed = parseBaseUrl(raw);
  if (!parsed.ok) {
    return parsed.problem === 'empty'
      ? undefined // a new data source: the field is marked required, Save & test says what is missing
      : `${describeProblem('The Keystone URL', raw, parsed.problem)}; e.g. http://keystone:5000/v3`;
  }
  const u = new URL(parsed.value.url);
  if (u.port === '8041' || /\/v1$/.test(u.pathname)) {
    return `This looks like Gnocchi's URL (${gnocchiHint(u)}): in this authentication mode the URL is Keystone's, e.g. http://keystone:5000/v3; give Gnocchi's below`;
  }
  return undefined;
}

/**
 * Why a Gnocchi URL cannot be used: not an absolute http(s) URL, or one that looks like Keystone's
 * (`/v3`, port 5000 or 35357, `/identity`), the usual mistake when the override is filled in.
 */
export function gnocchiUrlError(
  raw: string | undefined,
  required: boolean,
  what = 'The Gnocchi URL'
): string | undefined {
  const parsed = parseBaseUrl(raw);
  if (!parsed.ok) {
    if (parsed.problem === 'empty') {
      return required
        ? "Required in server access: Grafana's proxy cannot follow the Keystone catalog; e.g. http://gnocchi:8041"
        : undefined;
    }
    return `${describeProblem(what, raw, parsed.problem)}; e.g. http://gnocchi:8041`;
  }
  const u = new URL(parsed.value.url);
  const signs: string[] = [];
  if (/\/v3$|\/v2\.0$/.test(u.pathname)) {
    signs.push(`path ${u.pathname}`);
  }
  if (u.port === '5000' || u.port === '35357') {
    signs.push(`port ${u.port}`);
  }
  if (/(^|\/)identity(\/|$)/.test(u.pathname)) {
    signs.push('/identity');
  }
  if (signs.length) {
    return `This looks like a Keystone URL (${signs.join(', ')}): Gnocchi is the "metric" service, e.g. http://gnocchi:8041 or http://cloud/metric`;
  }
  if (/\/v1$/.test(u.pathname)) {
    return 'Leave out /v1: the plugin adds it to every request; e.g. http://gnocchi:8041';
  }
  return undefined;
}

function gnocchiHint(u: URL): string {
  return u.port === '8041' ? 'port 8041' : `path ${u.pathname}`;
}

/** The timeout setting: empty (default 30 s) or a positive number of seconds. */
export function timeoutError(value: unknown): string | undefined {
  const t = timeoutSeconds(value);
  return typeof t === 'string' ? t : undefined;
}

// text/template copies values into the JSON body of plugin.json's Keystone routes unescaped
const BREAKS_JSON = /["\\\u0000-\u001f]/;

/**
 * Server access: a value copied into the JSON body of a Keystone proxy route (plugin.json), where
 * Grafana inserts it without escaping. A `"`, `\` or a control character ends the JSON string early
 * or makes it invalid, and Keystone answers 400 with no hint of the cause.
 */
export function routeBodyError(value: string | undefined, what: string): string | undefined {
  if (!value || !BREAKS_JSON.test(value)) {
    return undefined;
  }
  return `${what} contains a double quote, a backslash or a control character, which Grafana's proxy route cannot send (it copies the value into a JSON body unescaped, and Keystone would refuse the request): use browser access, or a secret without these characters (e.g. a new application credential secret)`;
}

const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * A static token goes into the X-Auth-Token header: printable ASCII without spaces. Browser access
 * trims it; server access sends the stored value as typed (plugin.json header template).
 */
export function tokenError(value: string | undefined, server: boolean): string | undefined {
  const token = server ? (value ?? '') : (value ?? '').trim();
  if (!token || HEADER_SAFE.test(token)) {
    return undefined;
  }
  return 'The token contains spaces, line breaks or other characters an HTTP header cannot carry: paste the token alone';
}
