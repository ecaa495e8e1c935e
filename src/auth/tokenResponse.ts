/**
 * Reads Keystone's answer to `POST /v3/auth/tokens`, telling apart what users run into: Keystone's
 * own refusal (401), a URL that is not Keystone's token API (an HTML login portal, a web server's
 * 404, a JSON document without a token), a cut-off answer, and a token the browser may not read
 * (CORS `expose_headers`).
 */
import { configError, httpError, Redact, RequestError, statusLine } from '../http/errors';
import { htmlTitle, looksLikeHtml } from '../http/text';
import type { HttpResponse } from '../http/transport';
import type { KeystoneTokenBody } from './keystone';

const EXAMPLE = 'set the data source URL to Keystone, e.g. http://keystone:5000/v3';

function notKeystone(url: string, status: number, what: string): RequestError {
  return configError(
    'Keystone',
    url,
    `This is not Keystone's token API at ${url}: it answered ${statusLine(status)} with ${what}; ${EXAMPLE}`,
    status
  );
}

function describeBody(text: string): string {
  if (!text.trim()) {
    return 'an empty body';
  }
  if (looksLikeHtml(text)) {
    const title = htmlTitle(text);
    return title ? `an HTML page ("${title.slice(0, 80)}")` : 'an HTML page';
  }
  return 'a document that is not JSON';
}

export interface ParsedToken {
  token: string;
  body: KeystoneTokenBody;
}

/** The token and body of a 200/201 answer, or the RequestError that explains why there is none. */
export function readTokenResponse(
  res: HttpResponse,
  url: string,
  opts: { browser: boolean; redact: Redact }
): ParsedToken {
  if (res.status === 404 || res.status === 405) {
    const e = httpError('Keystone', 'POST', url, res.status, res.text, {
      redact: opts.redact,
      hint: `Is this Keystone? ${EXAMPLE[0].toUpperCase()}${EXAMPLE.slice(1)}.`,
    });
    throw configError('Keystone', url, e.message, res.status);
  }
  if (res.status !== 201 && res.status !== 200) {
    throw httpError('Keystone', 'POST', url, res.status, res.text, { redact: opts.redact });
  }
  const text = res.text.trim();
  if (!text.startsWith('{')) {
    throw notKeystone(url, res.status, describeBody(text));
  }
  let body: KeystoneTokenBody;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestError(
      `Keystone's answer is not valid JSON (cut off after ${text.length} characters?) (POST ${url})`,
      'Keystone',
      url,
      res.status,
      'parse'
    );
  }
  if (!body || typeof body !== 'object' || !body.token || typeof body.token !== 'object') {
    throw notKeystone(url, res.status, 'JSON without a token');
  }
  const token = (res.header('X-Subject-Token') ?? '').trim();
  if (!token) {
    if (opts.browser) {
      throw new RequestError(
        `Keystone issued a token but the browser cannot read its X-Subject-Token header: Keystone's CORS configuration must expose it ([cors] expose_headers = X-Subject-Token in keystone.conf). (POST ${url})`,
        'Keystone',
        url,
        res.status,
        'cors'
      );
    }
    throw new RequestError(
      `Keystone's answer has no X-Subject-Token header (POST ${url})`,
      'Keystone',
      url,
      res.status,
      'parse'
    );
  }
  return { token, body };
}

/**
 * Expiry on this client's clock: the token's lifetime (`expires_at - issued_at`, both Keystone's
 * clock) counted from now, so that a browser clock off by hours neither renews on every request
 * nor uses an expired token.
 */
export function localTimes(body: KeystoneTokenBody, now: number): { issuedAt: number; expiresAt: number } {
  const expires = Date.parse(body.token?.expires_at ?? '');
  const issued = Date.parse(body.token?.issued_at ?? '');
  let lifetime = 3_600_000;
  if (Number.isFinite(expires) && Number.isFinite(issued) && expires > issued) {
    lifetime = expires - issued;
  } else if (Number.isFinite(expires) && expires > now) {
    lifetime = expires - now;
  }
  return { issuedAt: now, expiresAt: now + lifetime };
}
