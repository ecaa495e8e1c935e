/**
 * One Keystone token per data source instance, with single-flight renewal and an injected clock.
 *
 * - Fresh (before the renewal margin: 2 minutes before expiry, or the last quarter of a shorter
 *   lifetime): used as is.
 * - Inside the margin but not expired: still used; one renewal runs in the background. When it
 *   fails (Keystone briefly down) the token stays in use and renewal is retried on a later call,
 *   after a short backoff (5 s, doubling up to 1 min).
 * - Expired, or dropped after a 401: callers wait for one shared authentication, and its error
 *   reaches them.
 */
export interface CachedToken {
  token: string;
  /** Epoch ms, on this client's clock. */
  expiresAt: number;
  /** Epoch ms, on this client's clock. */
  issuedAt: number;
  gnocchiUrl?: string;
}

export interface Backoff {
  firstMs: number;
  maxMs: number;
}

export const RENEWAL_BACKOFF: Backoff = { firstMs: 5_000, maxMs: 60_000 };

export class TokenCache {
  private current?: CachedToken;
  private inflight?: Promise<CachedToken>;
  private failures = 0;
  private retryAt = 0;

  constructor(
    private readonly fetchToken: () => Promise<CachedToken>,
    private readonly now: () => number = Date.now,
    private readonly backoff: Backoff = RENEWAL_BACKOFF
  ) {}

  private renewAt(t: CachedToken): number {
    const lifetime = t.expiresAt - t.issuedAt;
    return t.expiresAt - Math.min(120_000, lifetime / 4);
  }

  /** When the current token expires (epoch ms, this cache's clock), if there is one. */
  get expiresAt(): number | undefined {
    return this.current?.expiresAt;
  }

  get(): Promise<CachedToken> {
    const t = this.current;
    const now = this.now();
    if (t && now < this.renewAt(t)) {
      return Promise.resolve(t);
    }
    if (t && now < t.expiresAt) {
      if (!this.inflight && now >= this.retryAt) {
        // the caller does not wait: a failure is retried later, the token is still valid
        this.renew().catch(() => undefined);
      }
      return Promise.resolve(t);
    }
    return this.inflight ?? this.renew();
  }

  private renew(): Promise<CachedToken> {
    const p = this.fetchToken().then(
      (t) => {
        this.current = t;
        this.failures = 0;
        this.retryAt = 0;
        if (this.inflight === p) {
          this.inflight = undefined;
        }
        return t;
      },
      (e) => {
        this.failures++;
        this.retryAt = this.now() + Math.min(this.backoff.maxMs, this.backoff.firstMs * 2 ** (this.failures - 1));
        if (this.inflight === p) {
          this.inflight = undefined;
        }
        throw e;
      }
    );
    this.inflight = p;
    return p;
  }

  /** Forget `token` (if it is still the current one). */
  invalidate(token?: string): void {
    if (!token || this.current?.token === token) {
      this.current = undefined;
    }
  }
}
