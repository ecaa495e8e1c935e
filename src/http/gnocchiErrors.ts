/**
 * Gnocchi's answers that are not what a request expected, each named for what it is: Gnocchi's
 * own errors (with its cause), a URL where Gnocchi does not answer (a foreign 404, an HTML page,
 * Gnocchi's 404 for a path it does not serve), a refused static token, and bodies that are not
 * the JSON expected.
 */
import { configError, gnocchiErrorShape, httpError, Redact, RequestError, statusLine } from './errors';
import { htmlTitle, looksLikeHtml } from './text';
import type { HttpResponse } from './transport';
import { describeProblem, parseBaseUrl } from './urls';

const ROOT_EXAMPLE = "it should be Gnocchi's root URL, e.g. http://gnocchi:8041";

function urlHint(base: string): string {
  return /\/v1$/.test(base) ? `remove the trailing /v1 from ${base}` : `check the Gnocchi URL ${base}: ${ROOT_EXAMPLE}`;
}

/** Gnocchi's URL from Keystone's catalog must be absolute http(s) like any other. */
export function gnocchiUrlProblem(found: string, keystoneUrl: string): string {
  const parsed = parseBaseUrl(found);
  if (!parsed.ok) {
    throw configError(
      'Keystone',
      keystoneUrl,
      `${describeProblem("Gnocchi's URL in the Keystone catalog", found, parsed.problem)}: set the Gnocchi URL explicitly`
    );
  }
  return parsed.value.url;
}

/** A 401 in the static token mode: the token is wrong, expired or revoked. */
export function staticTokenRefused(method: string, url: string, body: string, redact: Redact): RequestError {
  const e = httpError('Gnocchi', method, url, 401, body, {
    redact,
    hint: 'The static token was refused: it is wrong, expired or revoked. Issue a new one (e.g. "openstack token issue") and set it in the data source settings, or use a Keystone password or application credential, which the plugin renews itself',
  });
  return new RequestError(e.message, 'Gnocchi', url, 401, 'auth');
}

/** A non-2xx answer, or a 2xx whose body could not be read as JSON. */
export function gnocchiResponseError(
  method: string,
  url: string,
  base: string,
  res: HttpResponse,
  redact: Redact,
  hint?: string
): RequestError {
  const ok = res.status >= 200 && res.status < 300;
  if (ok || res.status === 404) {
    const html = looksLikeHtml(res.text);
    if (res.status === 404 && gnocchiErrorShape(res.text) === 'own') {
      return httpError('Gnocchi', method, url, 404, res.text, { redact });
    }
    if (res.status === 404 || html) {
      const title = html ? htmlTitle(redact(res.text)) : '';
      const what = html ? `an HTML page${title ? ` ("${title.slice(0, 80)}")` : ''}` : 'no Gnocchi error';
      return configError(
        'Gnocchi',
        url,
        `No Gnocchi API at ${url}: it answered ${statusLine(res.status)} with ${what}; ${urlHint(base)}`,
        res.status
      );
    }
    return new RequestError(
      `Gnocchi's answer is not valid JSON (${res.text.length} characters, cut off or not JSON) (${method} ${url})`,
      'Gnocchi',
      url,
      res.status,
      'parse'
    );
  }
  return httpError('Gnocchi', method, url, res.status, res.text, { redact, hint });
}

/** What a Gnocchi 401 means in each authentication mode (the token mode has its own error). */
export function unauthorizedHint(mode: string): string | undefined {
  switch (mode) {
    case 'noauth':
      return (
        'This Gnocchi requires authentication: choose the mode its [api] auth_mode needs (Keystone, or basic). ' +
        "Gnocchi 4.1 removed the noauth mode the old plugin's 'noauth' setting was made for: with auth_mode = basic, " +
        'choose "Gnocchi basic auth" and give a user name'
      );
    case 'basic':
      return 'Gnocchi refused the basic-auth user: is its [api] auth_mode basic?';
    default:
      return undefined;
  }
}
