import { describeProblem, maskPassword, parseBaseUrl, urlPassword } from './urls';

describe('parseBaseUrl', () => {
  it.each([
    ['http://ks:5000/v3/', { url: 'http://ks:5000/v3' }],
    [' https://Host/identity ', { url: 'https://host/identity' }],
    ['http://admin@g:8041', { url: 'http://g:8041', username: 'admin' }],
    ['http://a%40b:p%3Aw@g', { url: 'http://g', username: 'a@b', password: 'p:w' }],
  ])('%s', (raw, value) => {
    expect(parseBaseUrl(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'empty'],
    [undefined, 'empty'],
    ['keystone:5000/v3', 'not-absolute'],
    ['localhost:5000', 'not-absolute'],
    ['/v3', 'not-absolute'],
    ['//ks:5000', 'not-absolute'],
    ['http:/ks', 'not-absolute'],
    ['file:///etc/passwd', 'not-absolute'],
    ['javascript:alert(1)', 'not-absolute'],
    ['http://ks:99999', 'invalid'],
    ['http://k s', 'invalid'],
    ['http://ks/v3?x=1', 'query'],
    ['http://ks/v3#x', 'query'],
  ])('%j is refused (%s)', (raw, problem) => {
    expect(parseBaseUrl(raw)).toEqual({ ok: false, problem });
  });

  it.each([
    ['http://u:p%40ss@h', 'p@ss', 'http://u:***@h'],
    ['u:secret@gnocchi:8041', 'secret', 'u:***@gnocchi:8041'],
    ['http://u@h', undefined, 'http://u@h'],
    ['keystone:5000/v3', undefined, 'keystone:5000/v3'],
  ])('urlPassword / maskPassword %s', (raw, pw, masked) => {
    expect(urlPassword(raw)).toBe(pw);
    expect(maskPassword(raw)).toBe(masked);
  });

  it('a password written into the URL is not shown', () => {
    expect(describeProblem('The URL', 'http://u:secret@ks:99999', 'invalid')).toBe(
      'The URL "http://u:***@ks:99999" is not a valid URL'
    );
  });
});
