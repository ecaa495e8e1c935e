import { CachedToken, TokenCache } from './tokenCache';

/** A cache on a fake clock whose authentications resolve or fail when the test says so. */
function setup(lifetimeMs = 3_600_000) {
  let now = 1_000_000;
  let calls = 0;
  const pending: Array<{ resolve: (t: CachedToken) => void; reject: (e: Error) => void }> = [];
  const cache = new TokenCache(
    () =>
      new Promise<CachedToken>((resolve, reject) => {
        calls++;
        const n = calls;
        const issuedAt = now;
        pending.push({
          resolve: () => resolve({ token: `t${n}`, issuedAt, expiresAt: issuedAt + lifetimeMs }),
          reject,
        });
      }),
    () => now
  );
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    cache,
    calls: () => calls,
    resolveAll: async () => {
      pending.splice(0).forEach((p) => p.resolve(undefined as never));
      await flush();
    },
    failAll: async () => {
      pending.splice(0).forEach((p) => p.reject(new Error('Keystone down')));
      await flush();
    },
    advance: (ms: number) => (now += ms),
  };
}

async function firstToken(s: ReturnType<typeof setup>) {
  const p = s.cache.get();
  await s.resolveAll();
  return p;
}

describe('TokenCache', () => {
  it('single flight: 20 concurrent callers cause one authentication', async () => {
    const s = setup();
    const all = Promise.all(Array.from({ length: 20 }, () => s.cache.get()));
    await s.resolveAll();
    const tokens = await all;
    expect(s.calls()).toBe(1);
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['t1']));
  });

  it('reuses the token until 2 minutes before expiry, then renews in the background without making callers wait', async () => {
    const s = setup();
    await firstToken(s);
    s.advance(3_600_000 - 121_000);
    expect((await s.cache.get()).token).toBe('t1');
    expect(s.calls()).toBe(1);
    s.advance(2_000);
    // inside the margin: the still valid token at once, one renewal started (single flight)
    const during = await Promise.all(Array.from({ length: 20 }, () => s.cache.get()));
    expect(during.map((t) => t.token)).toEqual(Array(20).fill('t1'));
    expect(s.calls()).toBe(2);
    await s.resolveAll();
    expect((await s.cache.get()).token).toBe('t2');
  });

  it('short-lived tokens are renewed at 3/4 of their lifetime', async () => {
    const s = setup(100_000);
    await firstToken(s);
    s.advance(74_000);
    await s.cache.get();
    expect(s.calls()).toBe(1);
    s.advance(2_000);
    await s.cache.get();
    expect(s.calls()).toBe(2);
    await s.resolveAll();
    expect((await s.cache.get()).token).toBe('t2');
  });

  it('Keystone down during renewal: the valid token stays in use, renewal is retried after a backoff, and only an expired token fails', async () => {
    const s = setup();
    await firstToken(s);
    s.advance(3_600_000 - 100_000); // inside the 2 min margin, 100 s left
    expect((await s.cache.get()).token).toBe('t1');
    await s.failAll();
    expect(s.calls()).toBe(2);
    // still valid: used; no new attempt before the backoff (5 s)
    s.advance(1_000);
    expect((await s.cache.get()).token).toBe('t1');
    expect(s.calls()).toBe(2);
    s.advance(5_000);
    expect((await s.cache.get()).token).toBe('t1');
    expect(s.calls()).toBe(3); // retried
    await s.failAll();
    // the backoff doubles (10 s)
    s.advance(6_000);
    await s.cache.get();
    expect(s.calls()).toBe(3);
    s.advance(5_000);
    await s.cache.get();
    expect(s.calls()).toBe(4);
    await s.failAll();
    // expired: callers wait for Keystone and get its error
    s.advance(100_000);
    const expired = expect(s.cache.get()).rejects.toThrow('Keystone down');
    await s.failAll();
    await expired;
    // Keystone back: a new token
    const back = s.cache.get();
    await s.resolveAll();
    expect((await back).token).toBe('t6');
  });

  it('a renewal that succeeds after failures resets the backoff', async () => {
    const s = setup();
    await firstToken(s);
    s.advance(3_600_000 - 100_000);
    await s.cache.get();
    await s.failAll();
    s.advance(5_000);
    await s.cache.get();
    await s.resolveAll();
    expect((await s.cache.get()).token).toBe('t3');
  });

  it('invalidate drops only the current token', async () => {
    const s = setup();
    await firstToken(s);
    s.cache.invalidate('other');
    expect((await s.cache.get()).token).toBe('t1');
    s.cache.invalidate('t1');
    const again = s.cache.get();
    await s.resolveAll();
    expect((await again).token).toBe('t2');
  });

  it('a failed authentication is not cached', async () => {
    let n = 0;
    const cache = new TokenCache(async () => {
      n++;
      if (n === 1) {
        throw new Error('down');
      }
      return { token: 'ok', issuedAt: 0, expiresAt: Date.now() + 3_600_000 };
    });
    await expect(cache.get()).rejects.toThrow('down');
    expect((await cache.get()).token).toBe('ok');
  });
});
