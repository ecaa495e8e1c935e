/**
 * Secrets never reach a message: every secret a client holds (password, application-credential
 * secret, static token, basic-auth password, the Keystone tokens it received) is replaced in error
 * texts, also in the encodings a server may echo it back in (JSON and Python-JSON escapes, URL and
 * form encoding, HTML entities, base64 of a basic-auth pair).
 */
import { RequestError } from './errors';

export const REDACTED = '***';

/** Short secrets are only replaced where they stand alone, so that "pw" does not eat "pwd". */
const SHORT = 6;
const MAX_TOKENS = 50;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Python's json.dumps (ensure_ascii): non-ASCII as \uXXXX, lowercase hex. */
function pythonJson(s: string): string {
  return JSON.stringify(s)
    .slice(1, -1)
    .replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function variants(secret: string): string[] {
  const out = new Set<string>([secret]);
  out.add(JSON.stringify(secret).slice(1, -1));
  out.add(pythonJson(secret));
  out.add(html(secret));
  out.add(html(secret).replace(/'/g, '&#x27;'));
  out.add(html(secret).replace(/'/g, '&#39;'));
  try {
    out.add(encodeURIComponent(secret));
    out.add(encodeURIComponent(secret).replace(/%20/g, '+'));
  } catch {
    // a lone surrogate cannot be URL-encoded
  }
  return [...out].filter((v) => v.length > 0);
}

export class Redactor {
  private fixed = new Set<string>();
  private tokens: string[] = [];
  private pattern?: RegExp;

  /** Adds secrets (empty values are ignored). */
  add(...secrets: Array<string | undefined | null>): this {
    for (const s of secrets) {
      if (s) {
        this.fixed.add(s);
      }
    }
    this.pattern = undefined;
    return this;
  }

  /** A token received from Keystone (the last 50 are kept). */
  addToken(token: string): void {
    if (!token || this.tokens.includes(token)) {
      return;
    }
    this.tokens.push(token);
    if (this.tokens.length > MAX_TOKENS) {
      this.tokens.shift();
    }
    this.pattern = undefined;
  }

  private regex(): RegExp | undefined {
    if (this.pattern === undefined) {
      const all = new Set<string>();
      for (const s of [...this.fixed, ...this.tokens]) {
        variants(s).forEach((v) => all.add(v));
      }
      if (all.size === 0) {
        return undefined;
      }
      // longest first, so that a secret containing another one is replaced whole
      const alternatives = [...all]
        .sort((a, b) => b.length - a.length)
        .map((v) => (v.length < SHORT ? `(?<![A-Za-z0-9])${escapeRegExp(v)}(?![A-Za-z0-9])` : escapeRegExp(v)));
      this.pattern = new RegExp(alternatives.join('|'), 'g');
    }
    return this.pattern;
  }

  /** The text with every secret replaced by `***`. */
  text = (s: string): string => {
    const re = this.regex();
    return re && s ? s.replace(re, REDACTED) : s;
  };

  /**
   * Any thrown value as a RequestError (or the same class) whose message and URL hold no secret.
   * Errors that are not RequestErrors become one of kind `config` for `service`.
   */
  error(e: unknown, service: RequestError['service'], url: string): RequestError {
    if (e instanceof RequestError) {
      const message = this.text(e.message);
      const u = this.text(e.url);
      if (message === e.message && u === e.url) {
        return e;
      }
      const clean = new RequestError(message, e.service, u, e.status, e.kind);
      clean.stack = this.text(e.stack ?? '');
      return clean;
    }
    const message = e instanceof Error ? e.message : typeof e === 'string' ? e : String(e);
    return new RequestError(this.text(message), service, this.text(url), undefined, 'config');
  }
}

/** Basic-auth secrets: the header value, its base64 and the password in it. */
export function basicAuthSecrets(header: string | undefined): string[] {
  if (!header) {
    return [];
  }
  const b64 = header.replace(/^Basic\s+/i, '').trim();
  const out = [header, b64];
  try {
    const latin1 = atob(b64);
    const utf8 = new TextDecoder().decode(Uint8Array.from(latin1, (c) => c.charCodeAt(0)));
    for (const decoded of [latin1, utf8]) {
      const colon = decoded.indexOf(':');
      if (colon >= 0 && colon < decoded.length - 1) {
        out.push(decoded.slice(colon + 1));
      }
    }
  } catch {
    // not base64: the header itself is the secret
  }
  return out;
}
