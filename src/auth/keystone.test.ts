import { findGnocchiEndpoint, keystoneAuthBody, keystoneV3Url, TokenCache } from './keystone';

describe('keystoneV3Url', () => {
  it.each([
    ['http://ks:5000', 'http://ks:5000/v3'],
    ['http://ks:5000/', 'http://ks:5000/v3'],
    ['http://ks:5000/v3', 'http://ks:5000/v3'],
    ['http://ks:5000/v3/', 'http://ks:5000/v3'],
    ['http://host/identity', 'http://host/identity/v3'],
    ['http://host/identity/v3', 'http://host/identity/v3'],
    [' http://host/identity/v2.0 ', 'http://host/identity/v3'],
  ])('%s → %s', (input, expected) => {
    expect(keystoneV3Url(input)).toBe(expected);
  });

  it('rejects an empty URL with a hint', () => {
    expect(() => keystoneV3Url('  ')).toThrow(/Keystone URL is empty/);
  });
});

describe('keystoneAuthBody', () => {
  it('password: user and project by name, domains by id (old plugin fields)', () => {
    expect(
      keystoneAuthBody('keystone', { username: 'u', domain: 'd1', project: 'p', projectDomainId: 'd2' }, 's')
    ).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'u', domain: { id: 'd1' }, password: 's' } } },
        scope: { project: { name: 'p', domain: { id: 'd2' } } },
      },
    });
  });

  it('password: domains by name, default domain id when nothing is set', () => {
    const body = keystoneAuthBody(
      'keystone',
      { username: 'u', userDomainName: 'Users', project: 'p', projectDomainName: 'Projects' },
      's'
    ) as any;
    expect(body.auth.identity.password.user.domain).toEqual({ name: 'Users' });
    expect(body.auth.scope.project.domain).toEqual({ name: 'Projects' });
    const plain = keystoneAuthBody('keystone', { username: 'u', project: 'p' }, 's') as any;
    expect(plain.auth.identity.password.user.domain).toEqual({ id: 'default' });
    expect(plain.auth.scope.project.domain).toEqual({ id: 'default' });
  });

  it("password: an old plugin's single `domain` is the project's domain too", () => {
    const body = keystoneAuthBody('keystone', { username: 'u', domain: 'corp', project: 'p' }, 's') as any;
    expect(body.auth.identity.password.user.domain).toEqual({ id: 'corp' });
    expect(body.auth.scope.project.domain).toEqual({ id: 'corp' });
  });

  it('password: user id and project id win over names', () => {
    const body = keystoneAuthBody(
      'keystone',
      { userId: 'uid', username: 'u', projectId: 'pid', project: 'p' },
      's'
    ) as any;
    expect(body.auth.identity.password.user).toEqual({ id: 'uid', password: 's' });
    expect(body.auth.scope).toEqual({ project: { id: 'pid' } });
  });

  it('password: no project → no scope (the user default project)', () => {
    expect((keystoneAuthBody('keystone', { username: 'u' }, 's') as any).auth.scope).toBeUndefined();
  });

  it('application credential by id, never with a scope', () => {
    expect(keystoneAuthBody('application_credential', { appCredentialId: 'id1', project: 'ignored' }, 'sec')).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'id1', secret: 'sec' } } },
    });
  });

  it('application credential by name + user', () => {
    const body = keystoneAuthBody(
      'application_credential',
      { appCredentialName: 'n', username: 'u', domain: 'd' },
      'sec'
    ) as any;
    expect(body.auth.identity.application_credential).toEqual({
      name: 'n',
      secret: 'sec',
      user: { name: 'u', domain: { id: 'd' } },
    });
    expect(body.auth.scope).toBeUndefined();
  });

  it('explains what is missing', () => {
    expect(() => keystoneAuthBody('application_credential', {}, 's')).toThrow(
      /application credential id, or its name and user/
    );
    expect(() => keystoneAuthBody('application_credential', { appCredentialName: 'n' }, 's')).toThrow(/needs the user/);
    expect(() => keystoneAuthBody('keystone', {}, 's')).toThrow(/user name/);
  });
});

describe('findGnocchiEndpoint', () => {
  const catalog = [
    { type: 'identity', endpoints: [{ interface: 'public', url: 'http://ks:5000', region_id: 'R1' }] },
    {
      type: 'metric',
      endpoints: [
        { interface: 'internal', url: 'http://gn-internal:8041', region_id: 'R1' },
        { interface: 'public', url: 'http://gn-r1:8041/', region_id: 'R1' },
        { interface: 'public', url: 'http://gn-r2:8041', region_id: 'R2' },
      ],
    },
  ];
  it('public endpoint of the metric service, trailing slash removed', () => {
    expect(findGnocchiEndpoint(catalog)).toBe('http://gn-r1:8041');
  });
  it('interface and region are selectable', () => {
    expect(findGnocchiEndpoint(catalog, 'internal')).toBe('http://gn-internal:8041');
    expect(findGnocchiEndpoint(catalog, 'public', 'R2')).toBe('http://gn-r2:8041');
  });
  it('says what the catalog holds when nothing matches', () => {
    expect(() => findGnocchiEndpoint(catalog, 'admin')).toThrow(/no admin endpoint .*public@R1/);
    expect(() => findGnocchiEndpoint([catalog[0]])).toThrow(/No "metric" \(Gnocchi\) service .*identity/);
    expect(() => findGnocchiEndpoint([])).toThrow(/no service catalog/);
  });
});

describe('TokenCache', () => {
  function setup(lifetimeMs = 3_600_000) {
    let now = 1_000_000;
    let calls = 0;
    const resolvers: Array<() => void> = [];
    const cache = new TokenCache(
      () =>
        new Promise((resolve) => {
          calls++;
          const issuedAt = now;
          resolvers.push(() => resolve({ token: `t${calls}`, issuedAt, expiresAt: issuedAt + lifetimeMs }));
        }),
      () => now
    );
    return {
      cache,
      calls: () => calls,
      resolveAll: () => resolvers.splice(0).forEach((r) => r()),
      advance: (ms: number) => (now += ms),
    };
  }

  it('single flight: 20 concurrent callers cause one authentication', async () => {
    const s = setup();
    const all = Promise.all(Array.from({ length: 20 }, () => s.cache.get()));
    s.resolveAll();
    const tokens = await all;
    expect(s.calls()).toBe(1);
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(['t1']));
  });

  it('reuses the token until 2 minutes before expiry, then renews', async () => {
    const s = setup();
    const p = s.cache.get();
    s.resolveAll();
    await p;
    s.advance(3_600_000 - 121_000);
    expect((await s.cache.get()).token).toBe('t1');
    s.advance(2_000);
    const renewed = s.cache.get();
    s.resolveAll();
    expect((await renewed).token).toBe('t2');
  });

  it('short-lived tokens are renewed at 3/4 of their lifetime', async () => {
    const s = setup(100_000);
    const p = s.cache.get();
    s.resolveAll();
    await p;
    s.advance(74_000);
    expect((await s.cache.get()).token).toBe('t1');
    s.advance(2_000);
    const renewed = s.cache.get();
    s.resolveAll();
    expect((await renewed).token).toBe('t2');
  });

  it('invalidate drops only the current token', async () => {
    const s = setup();
    const p = s.cache.get();
    s.resolveAll();
    await p;
    s.cache.invalidate('other');
    expect((await s.cache.get()).token).toBe('t1');
    s.cache.invalidate('t1');
    const again = s.cache.get();
    s.resolveAll();
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
