import { pathSegment } from './path';

describe('pathSegment', () => {
  it('encodes ids and names', () => {
    expect(pathSegment(' 8f0a/b c ', 'metric id')).toBe('8f0a%2Fb%20c');
    expect(pathSegment('a..b', 'metric id')).toBe('a..b');
  });

  it.each(['.', '..', ' .. ', ''])('refuses %j, which would change the path', (v) => {
    expect(() => pathSegment(v, 'metric id')).toThrow(/metric id/);
  });
});
