import { RequestError } from './errors';
import { basicAuthSecrets, Redactor } from './redact';

describe('Redactor', () => {
  const r = new Redactor().add('pa"ss\\wörd-42', undefined, '', 'pw');
  r.addToken('gAAAAABtoken');

  it.each([
    ['raw', 'x pa"ss\\wörd-42 y'],
    ['JSON', JSON.stringify({ password: 'pa"ss\\wörd-42' })],
    ['Python JSON (ensure_ascii)', '{"password": "pa\\"ss\\\\w\\u00f6rd-42"}'],
    ['URL encoded', `password=${encodeURIComponent('pa"ss\\wörd-42')}`],
    ['form encoded', 'password=pa%22ss%5Cw%C3%B6rd-42'],
    ['HTML', 'pa&quot;ss\\wörd-42'],
    ['a received token', 'X-Auth-Token: gAAAAABtoken'],
  ])('%s', (_n, text) => {
    const out = r.text(text);
    expect(out).toContain('***');
    expect(out).not.toMatch(/ss.*w.*rd-42|gAAAAABtoken/);
  });

  it('short secrets only where they stand alone', () => {
    expect(r.text('{"password": "pw"} pwd pw2')).toBe('{"password": "***"} pwd pw2');
  });

  it('keeps unrelated errors as they are and rebuilds the others with their class', () => {
    const same = new RequestError('fine', 'Gnocchi', 'http://g', 500, 'http');
    expect(r.error(same, 'Gnocchi', 'x')).toBe(same);
    const leaked = r.error(new RequestError('bad pw', 'Keystone', 'http://k?pw', 401, 'auth'), 'Gnocchi', 'x');
    expect(leaked).toMatchObject({
      message: 'bad ***',
      url: 'http://k?***',
      status: 401,
      kind: 'auth',
      service: 'Keystone',
    });
    expect(r.error(new Error('boom gAAAAABtoken'), 'Keystone', 'http://k')).toMatchObject({
      message: 'boom ***',
      kind: 'config',
    });
  });

  it('basic auth: header, base64 and the password (UTF-8) are secrets', () => {
    const header = 'Basic ' + Buffer.from('admin:sécret').toString('base64');
    expect(basicAuthSecrets(header)).toEqual(expect.arrayContaining([header, 'sécret']));
    expect(basicAuthSecrets(undefined)).toEqual([]);
  });
});
