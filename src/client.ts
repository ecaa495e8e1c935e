/**
 * The Gnocchi client of one data source instance: authentication (Keystone token cache, static
 * token, basic, none), Gnocchi URL discovery, JSON requests with readable errors, one transparent
 * re-authentication on 401, and complete reads of paged listings.
 */
import {
  CachedToken,
  findGnocchiEndpoint,
  keystoneAuthBody,
  KeystoneTokenBody,
  keystoneV3Url,
  TokenCache,
} from './auth/keystone';
import { httpError, RequestError } from './http/errors';
import { HttpResponse, Transport } from './http/transport';
import { parseGnocchiJson } from './gnocchi/json';
import type { AuthMode, GnocchiOptions } from './types';

export type Params = Record<string, string | number | boolean | undefined | null | Array<string | number>>;

export interface ClientSettings {
  /** The data source URL: Keystone in the Keystone modes, Gnocchi otherwise (old plugin's rule). */
  url: string;
  jsonData: GnocchiOptions;
  /** `proxy` = server mode (Grafana data source proxy routes), else browser mode. */
  access: 'direct' | 'proxy';
  /** Basic auth header value when Grafana's basic auth is configured (browser mode). */
  basicAuth?: string;
}

export function buildQueryString(params?: Params): string {
  if (!params) {
    return '';
  }
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') {
      continue;
    }
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) {
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(one))}`);
    }
  }
  return parts.length ? '?' + parts.join('&') : '';
}

export const PAGE_LIMIT = 1000;

interface Auth {
  headers: Record<string, string>;
  gnocchiUrl: string;
  token?: string;
}

export class GnocchiClient {
  readonly mode: AuthMode;
  private readonly tokens: TokenCache;
  /** Number of requests sent, per service (for tests and the benchmark). */
  readonly counts = { keystone: 0, gnocchi: 0 };

  constructor(
    private readonly settings: ClientSettings,
    private readonly transport: Transport,
    now: () => number = Date.now
  ) {
    this.mode = settings.jsonData.mode ?? (settings.basicAuth ? 'basic' : 'noauth');
    this.tokens = new TokenCache(() => this.authenticate(), now);
  }

  private get timeoutMs(): number {
    return (this.settings.jsonData.timeout ?? 30) * 1000;
  }

  private get isKeystone(): boolean {
    return this.mode === 'keystone' || this.mode === 'application_credential';
  }

  /** Base URL for Keystone calls: the data source URL (browser) or the proxy route (server). */
  keystoneUrl(): string {
    if (this.settings.access === 'proxy') {
      return `${this.settings.url.replace(/\/+$/, '')}/keystone`;
    }
    return keystoneV3Url(this.settings.url);
  }

  private explicitGnocchiUrl(): string | undefined {
    const s = this.settings;
    if (s.access === 'proxy') {
      // plugin.json routes: `gnocchi-token` adds the static token from secureJsonData
      return `${s.url.replace(/\/+$/, '')}/${this.mode === 'token' ? 'gnocchi-token' : 'gnocchi'}`;
    }
    if (s.jsonData.endpoint) {
      return s.jsonData.endpoint.trim().replace(/\/+$/, '');
    }
    if (!this.isKeystone) {
      return s.url.trim().replace(/\/+$/, '');
    }
    return undefined;
  }

  /** POST /v3/auth/tokens (browser mode) or the proxy's templated route (server mode). */
  private async authenticate(): Promise<CachedToken> {
    const s = this.settings;
    const mode = this.mode as 'keystone' | 'application_credential';
    const server = s.access === 'proxy';
    const url = server
      ? `${this.keystoneUrl()}/${mode === 'keystone' ? 'password' : 'application_credential'}`
      : `${this.keystoneUrl()}/auth/tokens`;
    let body: string;
    if (server) {
      body = '{}'; // replaced by the route's body, templated from secureJsonData by Grafana
    } else {
      const secret = (mode === 'keystone' ? s.jsonData.password : s.jsonData.appCredentialSecret) ?? '';
      if (!secret) {
        throw new RequestError(
          mode === 'keystone' ? 'Set the Keystone password' : 'Set the application credential secret',
          'Keystone',
          url,
          undefined,
          'config'
        );
      }
      body = JSON.stringify(keystoneAuthBody(mode, s.jsonData, secret));
    }
    this.counts.keystone++;
    const res = await this.transport({
      service: 'Keystone',
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body,
      timeoutMs: this.timeoutMs,
    });
    if (res.status !== 201 && res.status !== 200) {
      throw httpError('Keystone', 'POST', url, res.status, res.text);
    }
    const token = res.header('X-Subject-Token');
    if (!token) {
      throw new RequestError(
        `Keystone issued a token but the browser cannot read its X-Subject-Token header: Keystone's CORS configuration must expose it ([cors] expose_headers = X-Subject-Token in keystone.conf). (POST ${url})`,
        'Keystone',
        url,
        res.status,
        'config'
      );
    }
    let parsed: KeystoneTokenBody;
    try {
      parsed = JSON.parse(res.text);
    } catch {
      throw new RequestError(
        `Keystone answered with a body that is not JSON (POST ${url})`,
        'Keystone',
        url,
        res.status
      );
    }
    const expiresAt = Date.parse(parsed.token?.expires_at ?? '');
    const issuedAt = Date.parse(parsed.token?.issued_at ?? '');
    const gnocchiUrl =
      this.explicitGnocchiUrl() ??
      findGnocchiEndpoint(parsed.token?.catalog, s.jsonData.interface ?? 'public', s.jsonData.region || undefined);
    return {
      token,
      expiresAt: Number.isFinite(expiresAt) ? expiresAt : Date.now() + 3_600_000,
      issuedAt: Number.isFinite(issuedAt) ? issuedAt : Date.now(),
      gnocchiUrl,
    };
  }

  private async auth(): Promise<Auth> {
    const s = this.settings;
    switch (this.mode) {
      case 'keystone':
      case 'application_credential': {
        const t = await this.tokens.get();
        return { headers: { 'X-Auth-Token': t.token }, gnocchiUrl: t.gnocchiUrl!, token: t.token };
      }
      case 'token': {
        const headers: Record<string, string> = {};
        if (s.access !== 'proxy' && s.jsonData.token) {
          headers['X-Auth-Token'] = s.jsonData.token;
        }
        return { headers, gnocchiUrl: this.explicitGnocchiUrl()! };
      }
      case 'basic': {
        const headers: Record<string, string> = {};
        if (s.basicAuth) {
          headers.Authorization = s.basicAuth;
        } else if (s.jsonData.username && s.access !== 'proxy') {
          headers.Authorization = 'Basic ' + btoa(`${s.jsonData.username}:`);
        }
        return { headers, gnocchiUrl: this.explicitGnocchiUrl()! };
      }
      default:
        return { headers: {}, gnocchiUrl: this.explicitGnocchiUrl()! };
    }
  }

  /** The Gnocchi base URL this client uses (authenticating first in the Keystone modes). */
  async gnocchiUrl(): Promise<string> {
    return (await this.auth()).gnocchiUrl;
  }

  /** A raw Gnocchi request; retries once with a new token after a 401 in the Keystone modes. */
  async raw(
    method: 'GET' | 'POST',
    path: string,
    options: { params?: Params; body?: unknown; signal?: AbortSignal } = {}
  ): Promise<{ res: HttpResponse; url: string }> {
    for (let attempt = 0; ; attempt++) {
      const a = await this.auth();
      const url = `${a.gnocchiUrl}${path}${buildQueryString(options.params)}`;
      const headers: Record<string, string> = { Accept: 'application/json', ...a.headers };
      let body: string | undefined;
      if (options.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      }
      this.counts.gnocchi++;
      const res = await this.transport({
        service: 'Gnocchi',
        method,
        url,
        headers,
        body,
        signal: options.signal,
        timeoutMs: this.timeoutMs,
      });
      if (res.status === 401 && this.isKeystone && attempt === 0) {
        this.tokens.invalidate(a.token);
        continue;
      }
      return { res, url };
    }
  }

  /** A Gnocchi JSON request; non-2xx statuses become a RequestError with Gnocchi's cause. */
  async request<T = unknown>(
    method: 'GET' | 'POST',
    path: string,
    options: { params?: Params; body?: unknown; signal?: AbortSignal } = {}
  ): Promise<T> {
    const { res, url } = await this.raw(method, path, options);
    if (res.status < 200 || res.status >= 300) {
      throw httpError('Gnocchi', method, url, res.status, res.text);
    }
    if (!res.text) {
      return undefined as T;
    }
    try {
      return parseGnocchiJson(res.text) as T;
    } catch {
      throw new RequestError(
        `Gnocchi answered with a body that is not JSON (${method} ${url})`,
        'Gnocchi',
        url,
        res.status
      );
    }
  }

  /**
   * Every item of a paged listing or search (Gnocchi returns at most 1000 per page): follow
   * `marker` = last id while pages are full, so nothing is silently cut.
   */
  async listAll<T extends { id: string }>(
    method: 'GET' | 'POST',
    path: string,
    options: { params?: Params; body?: unknown; signal?: AbortSignal; maxItems?: number } = {}
  ): Promise<T[]> {
    const all: T[] = [];
    let marker: string | undefined;
    const maxItems = options.maxItems ?? 100_000;
    for (;;) {
      const page = await this.request<T[]>(method, path, {
        ...options,
        params: { ...options.params, limit: PAGE_LIMIT, sort: 'id:asc', marker },
      });
      all.push(...page);
      if (page.length < PAGE_LIMIT || all.length >= maxItems) {
        return all;
      }
      marker = page[page.length - 1].id;
    }
  }
}
