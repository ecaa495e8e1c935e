import { exposesSecret, plainSecrets } from './access';
import { gnocchiUrlError, keystoneUrlError, routeBodyError, timeoutError, tokenError } from './validation';

describe('config editor checks', () => {
  it.each([
    ['http://keystone:5000', undefined],
    ['http://keystone:5000/v3', undefined],
    ['https://cloud.example/identity/v3/', undefined],
    ['', undefined],
    ['keystone:5000/v3', /is not an absolute http:\/\/ or https:\/\/ URL; e\.g\. http:\/\/keystone:5000\/v3/],
    ['ftp://keystone', /is not an absolute/],
    ['http://keystone:5000/v3?x=1', /must not carry a query string/],
    ['http://gnocchi:8041', /looks like Gnocchi's URL \(port 8041\)/],
  ])('Keystone URL %s', (url, expected) => {
    const e = keystoneUrlError(url);
    expected ? expect(e).toMatch(expected) : expect(e).toBeUndefined();
  });

  it('never shows a password written into a URL', () => {
    expect(keystoneUrlError('keystone:pa55@host')).not.toContain('pa55');
  });

  it.each([
    ['http://gnocchi:8041', undefined],
    ['https://cloud.example/metric', undefined],
    ['http://keystone:5000', /looks like a Keystone URL \(port 5000\)/],
    ['http://keystone:35357', /port 35357/],
    ['http://cloud/identity', /\(\/identity\)/],
    ['http://cloud:8041/v3', /\(path \/v3\)/],
    ['http://gnocchi:8041/v1', /Leave out \/v1/],
    ['gnocchi:8041', /"gnocchi:8041" is not an absolute/],
  ])('Gnocchi URL %s', (url, expected) => {
    const e = gnocchiUrlError(url, false);
    expected ? expect(e).toMatch(expected) : expect(e).toBeUndefined();
  });

  it('the Gnocchi URL is required only where the catalog cannot be followed', () => {
    expect(gnocchiUrlError('', false)).toBeUndefined();
    expect(gnocchiUrlError(' ', true)).toMatch(/^Required in server access/);
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    [30, undefined],
    ['2.5', undefined],
    ['0', /must be a number of seconds/],
    [-1, /must be a number of seconds/],
    ['ten', /\(got "ten"\)/],
    [1e9, /between 0 and 86400/],
  ])('timeout %p', (value, expected) => {
    const e = timeoutError(value);
    expected ? expect(e).toMatch(expected) : expect(e).toBeUndefined();
  });

  it.each(['a"b', 'a\\b', 'line\nbreak', 'tab\t'])('a route body cannot carry %j', (value) => {
    expect(routeBodyError(value, 'The password')).toMatch(/^The password contains a double quote/);
  });

  it.each([undefined, '', "it's-fine ünïcode {}"])('a route body carries %j', (value) => {
    expect(routeBodyError(value, 'The password')).toBeUndefined();
  });

  it('a token must fit in a header; browser access trims it, server access sends it as typed', () => {
    expect(tokenError('gAAAA-abc_1', false)).toBeUndefined();
    expect(tokenError(' gAAAA \n', false)).toBeUndefined();
    expect(tokenError(' gAAAA \n', true)).toMatch(/HTTP header cannot carry/);
    expect(tokenError('Bearer gAAAA', false)).toMatch(/HTTP header cannot carry/);
  });
});

describe('access helpers', () => {
  const s = (o: object) => ({ access: 'proxy', jsonData: {}, secureJsonFields: {}, ...o }) as any;

  it('plain secrets are those in jsonData while the access is Server', () => {
    expect(plainSecrets(s({ jsonData: { password: 'p', token: '', username: 'u' } }))).toEqual(['password']);
    expect(plainSecrets(s({ access: 'direct', jsonData: { password: 'p' } }))).toEqual([]);
  });

  it('Server → Browser is confirmed when a secret is saved, or the mode needs one', () => {
    expect(exposesSecret(s({ jsonData: { mode: 'noauth' } }))).toBe(false);
    expect(exposesSecret(s({ jsonData: { mode: 'basic' }, secureJsonFields: { token: true } }))).toBe(true);
    expect(exposesSecret(s({ jsonData: { mode: 'token' } }))).toBe(true);
    expect(exposesSecret(s({}))).toBe(true);
  });
});
