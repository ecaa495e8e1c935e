import { findGnocchiEndpoint, keystoneAuthBody, keystoneV3Url } from './keystone';

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
