/**
 * The Gnocchi client of one data source instance: authentication (Keystone token cache, static
 * token, basic, none), Gnocchi URL discovery, JSON requests with readable errors, one transparent
 * re-authentication on 401, and complete reads of paged listings.
 *
 * Settings are checked before any request (auth/connection.ts); redirects are reported, never
 * followed; and nothing thrown out of this class carries a secret the client holds.
 */
import { ClientDescription, ClientSettings, Connection, isKeystoneMode, resolveConnection } from './auth/connection';
import { findGnocchiEndpoint, keystoneAuthBody, TokenCache } from './auth/keystone';
import type { CachedToken } from './auth/tokenCache';
import { localTimes, readTokenResponse } from './auth/tokenResponse';
import { gnocchiResponseError, gnocchiUrlProblem, staticTokenRefused, unauthorizedHint } from './http/gnocchiErrors';
import { configError, redirectError, RequestError, Service } from './http/errors';
import { Redactor } from './http/redact';
import { buildQueryString, Params } from './http/queryString';
import { HttpRequest, HttpResponse, Transport } from './http/transport';
import { parseGnocchiJson } from './gnocchi/json';
import type { AuthMode, GnocchiOptions } from './types';

export type { ClientSettings } from './auth/connection';

export interface RequestOptions {
  params?: Params;
  body?: unknown;
  signal?: AbortSignal;
}

export const PAGE_LIMIT = 1000;

/** Statuses that move a request elsewhere (300 Multiple Choices and 304 do not). */
const REDIRECTS = [301, 302, 303, 307, 308];

interface Auth {
  headers: Record<string, string>;
  gnocchiUrl: string;
  token?: string;
}

export class GnocchiClient {
  readonly mode: AuthMode;
  private readonly tokens: TokenCache;
  private readonly conn: Connection;
  /** Every secret this client holds; applied to everything it throws. */
  readonly redactor = new Redactor();
  /** Number of requests sent, per service (for tests and the benchmark). */
  readonly counts = { keystone: 0, gnocchi: 0 };

  constructor(
    private readonly settings: ClientSettings,
    private readonly transport: Transport,
    private readonly now: () => number = Date.now
  ) {
    this.conn = resolveConnection(settings);
    this.mode = this.conn.mode;
    this.redactor.add(...this.conn.secrets);
    this.tokens = new TokenCache(() => this.authenticate(), now);
  }

  /** The first problem in the settings (checked before any request), if any. */
  get configProblem(): RequestError | undefined {
    return (
      this.conn.problem && this.redactor.error(this.conn.problem, this.conn.problem.service, this.conn.problem.url)
    );
  }

  /** What the client is configured with, for Save & test's report (no secret). */
  describe(): ClientDescription {
    const jd = this.settings.jsonData;
    const expiresAt = this.tokens.expiresAt;
    return {
      server: this.settings.access === 'proxy',
      endpointSetting: (jd.endpoint ?? '').trim() || undefined,
      interface: jd.interface ?? 'public',
      region: jd.region || undefined,
      tokenExpiresAt: typeof expiresAt === 'number' && Number.isFinite(expiresAt) ? expiresAt : undefined,
    };
  }

  /** Save & test's own Keystone checks in browser mode go through the same transport and settings. */
  diagnosisAccess(): { transport: Transport; jsonData: GnocchiOptions } {
    return { transport: this.transport, jsonData: this.settings.jsonData };
  }

  private get isKeystone(): boolean {
    return isKeystoneMode(this.mode);
  }

  /** Base URL for Keystone calls: the Keystone v3 URL (browser) or the proxy route (server). */
  keystoneUrl(): string {
    if (this.conn.keystoneUrl === undefined) {
      throw this.configProblem ?? configError('Keystone', this.settings.url, 'The Keystone URL is empty');
    }
    return this.conn.keystoneUrl;
  }

  /** Sends one request; a redirect becomes an error naming where it leads. */
  private async send(req: HttpRequest, base: string | undefined, setting: string): Promise<HttpResponse> {
    this.counts[req.service === 'Keystone' ? 'keystone' : 'gnocchi']++;
    const res = await this.transport(req);
    if (res.opaqueRedirect || REDIRECTS.includes(res.status)) {
      throw redirectError(req.service, req.method, req.url, res.status, res.header('Location'), setting, base);
    }
    return res;
  }

  /** POST /v3/auth/tokens (browser mode) or the proxy's templated route (server mode). */
  private async authenticate(): Promise<CachedToken> {
    const s = this.settings;
    const mode = this.mode as 'keystone' | 'application_credential';
    const server = this.conn.server;
    const base = this.keystoneUrl();
    const url = server
      ? `${base}/${mode === 'keystone' ? 'password' : 'application_credential'}`
      : `${base}/auth/tokens`;
    let body: string;
    if (server) {
      body = '{}'; // replaced by the route's body, templated from secureJsonData by Grafana
    } else {
      const secret = (mode === 'keystone' ? s.jsonData.password : s.jsonData.appCredentialSecret) ?? '';
      try {
        body = JSON.stringify(keystoneAuthBody(mode, s.jsonData, secret));
      } catch (e) {
        throw configError('Keystone', url, (e as Error).message);
      }
    }
    const res = await this.send(
      {
        service: 'Keystone',
        method: 'POST',
        url,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body,
        timeoutMs: this.conn.timeoutMs,
      },
      server ? undefined : base,
      'the data source URL (Keystone)'
    );
    const token = res.header('X-Subject-Token')?.trim();
    if (token) {
      this.redactor.addToken(token);
    }
    const parsed = readTokenResponse(res, url, { browser: !server, redact: this.redactor.text });
    let gnocchiUrl = this.conn.gnocchiUrl;
    if (gnocchiUrl === undefined) {
      const t = parsed.body.token;
      let found: string;
      try {
        found = findGnocchiEndpoint(t.catalog, s.jsonData.interface ?? 'public', s.jsonData.region || undefined);
      } catch (e) {
        throw configError('Keystone', url, (e as Error).message);
      }
      gnocchiUrl = gnocchiUrlProblem(found, url);
    }
    return { token: parsed.token, ...localTimes(parsed.body, this.now()), gnocchiUrl };
  }

  private async auth(): Promise<Auth> {
    if (this.conn.problem) {
      throw this.conn.problem;
    }
    if (this.isKeystone) {
      const t = await this.tokens.get();
      return { headers: { 'X-Auth-Token': t.token }, gnocchiUrl: t.gnocchiUrl!, token: t.token };
    }
    return { headers: { ...this.conn.headers }, gnocchiUrl: this.conn.gnocchiUrl! };
  }

  /** Runs `fn`; whatever it throws leaves without secrets. */
  private async guarded<T>(service: Service, url: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw this.redactor.error(e, service, url);
    }
  }

  /** The Gnocchi base URL this client uses (authenticating first in the Keystone modes). */
  gnocchiUrl(): Promise<string> {
    return this.guarded(
      this.isKeystone ? 'Keystone' : 'Gnocchi',
      this.settings.url,
      async () => (await this.auth()).gnocchiUrl
    );
  }

  /**
   * A raw Gnocchi request; retries once with a new token after a 401 in the Keystone modes.
   * Redirects and configuration problems are thrown; other statuses are the caller's.
   */
  raw(method: 'GET' | 'POST', path: string, options: RequestOptions = {}): Promise<{ res: HttpResponse; url: string }> {
    return this.guarded('Gnocchi', path, () => this.rawUnguarded(method, path, options));
  }

  private async rawUnguarded(method: 'GET' | 'POST', path: string, options: RequestOptions) {
    for (let attempt = 0; ; attempt++) {
      const a = await this.auth();
      const url = `${a.gnocchiUrl}${path}${buildQueryString(options.params)}`;
      const headers: Record<string, string> = { Accept: 'application/json', ...a.headers };
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      const res = await this.send(
        { service: 'Gnocchi', method, url, headers, body, signal: options.signal, timeoutMs: this.conn.timeoutMs },
        a.gnocchiUrl,
        this.isKeystone ? 'the Gnocchi URL setting' : 'the data source URL (Gnocchi)'
      );
      if (res.status === 401 && this.isKeystone && attempt === 0) {
        this.tokens.invalidate(a.token);
        continue;
      }
      return { res, url, base: a.gnocchiUrl };
    }
  }

  /**
   * A Gnocchi JSON request; non-2xx statuses become a RequestError with Gnocchi's cause. A 2xx
   * without body is an error unless `allowEmpty` (then `undefined` is returned). `parse` reads the
   * answer's text instead of `parseGnocchiJson` (e.g. gnocchi/reader); what it throws is reported as
   * invalid JSON, like a failure of `parseGnocchiJson`.
   */
  request<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    options: RequestOptions & { allowEmpty?: boolean; parse?: (text: string) => unknown } = {}
  ): Promise<T> {
    return this.guarded('Gnocchi', path, async () => {
      const { res, url, base } = await this.rawUnguarded(method, path, options);
      if (res.status < 200 || res.status >= 300) {
        if (res.status === 401 && this.mode === 'token') {
          throw staticTokenRefused(method, url, res.text, this.redactor.text);
        }
        const hint = res.status === 401 ? unauthorizedHint(this.mode) : undefined;
        throw gnocchiResponseError(method, url, base, res, this.redactor.text, hint);
      }
      if (!res.text.trim()) {
        if (options.allowEmpty) {
          return undefined as T;
        }
        throw new RequestError(
          `Gnocchi answered ${res.status} with an empty body where JSON was expected (${method} ${url})`,
          'Gnocchi',
          url,
          res.status,
          'parse'
        );
      }
      try {
        return (options.parse ?? parseGnocchiJson)(res.text) as T;
      } catch {
        throw gnocchiResponseError(method, url, base, res, this.redactor.text);
      }
    });
  }

  /**
   * Every item of a paged listing or search (Gnocchi returns at most 1000 per page): follow
   * `marker` = last id while pages are full, so nothing is silently cut.
   */
  async listAll<T extends { id: string }>(
    method: 'GET' | 'POST',
    path: string,
    options: RequestOptions & { maxItems?: number } = {}
  ): Promise<T[]> {
    const all: T[] = [];
    let marker: string | undefined;
    const maxItems = options.maxItems ?? 100_000;
    for (;;) {
      const page = await this.request<T[]>(method, path, {
        ...options,
        // Gnocchi's own order (as 1.7.1 listed variable options); it appends the id, so markers page correctly.
        params: { ...options.params, limit: PAGE_LIMIT, marker },
      });
      if (!Array.isArray(page)) {
        throw new RequestError(
          `Gnocchi answered ${method} ${path} with something that is not a list`,
          'Gnocchi',
          path,
          200,
          'parse'
        );
      }
      all.push(...page);
      if (page.length < PAGE_LIMIT || all.length >= maxItems) {
        return all;
      }
      marker = page[page.length - 1].id;
    }
  }
}
