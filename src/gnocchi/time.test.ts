import { parseGnocchiTimestamp, toGnocchiTime } from './time';

describe('parseGnocchiTimestamp', () => {
  it.each([
    ['2024-01-01T00:00:00+00:00', Date.UTC(2024, 0, 1)],
    ['2024-01-01T00:00:00Z', Date.UTC(2024, 0, 1)],
    ['2024-01-01T00:00:00z', Date.UTC(2024, 0, 1)],
    ['2024-01-01T00:00:00', Date.UTC(2024, 0, 1)],
    ['2024-01-01 12:34:56', Date.UTC(2024, 0, 1, 12, 34, 56)],
    ['2024-02-29T23:59:59+00:00', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2024-01-01T00:00:00.123456+00:00', Date.UTC(2024, 0, 1) + 123],
    ['2024-01-01T00:00:00.5Z', Date.UTC(2024, 0, 1) + 500],
    ['2024-01-01T00:00:00.999999', Date.UTC(2024, 0, 1) + 999],
    ['2024-01-01T02:00:00+02:00', Date.UTC(2024, 0, 1)],
    ['2024-01-01T00:00:00-05:30', Date.UTC(2024, 0, 1, 5, 30)],
    ['2024-01-01T00:00:00+0100', Date.UTC(2023, 11, 31, 23)],
    ['2024-01-01T00:00:00+01', Date.UTC(2023, 11, 31, 23)],
    ['1970-01-01T00:00:00+00:00', 0],
  ])('%s', (s, expected) => {
    expect(parseGnocchiTimestamp(s)).toBe(expected);
  });

  it('agrees with Date.parse on many timestamps (day cache included)', () => {
    const start = Date.UTC(2023, 11, 31, 20);
    for (let t = start; t < start + 3 * 86400000; t += 7 * 60000 + 13000) {
      const iso = new Date(t).toISOString().replace('.000Z', '+00:00');
      expect(parseGnocchiTimestamp(iso)).toBe(t);
    }
  });

  it('does not reuse the cached day for another day', () => {
    expect(parseGnocchiTimestamp('2024-03-05T10:00:00+00:00')).toBe(Date.UTC(2024, 2, 5, 10));
    expect(parseGnocchiTimestamp('2024-03-06T10:00:00+00:00')).toBe(Date.UTC(2024, 2, 6, 10));
    expect(parseGnocchiTimestamp('2025-03-05T10:00:00+00:00')).toBe(Date.UTC(2025, 2, 5, 10));
  });

  it('falls back to Date.parse for other ISO forms', () => {
    expect(parseGnocchiTimestamp('2024-01-01')).toBe(Date.UTC(2024, 0, 1));
    expect(parseGnocchiTimestamp('2024-01-01T10:00')).toBe(Date.UTC(2024, 0, 1, 10));
    expect(parseGnocchiTimestamp('2024-01-01T10:00Z')).toBe(Date.UTC(2024, 0, 1, 10));
  });

  it.each([
    '',
    'garbage',
    '+00:00',
    '2024-13-01T00:00:00+00:00',
    '2024-02-30T00:00:00+00:00',
    '2024-01-01T25:00:00Z',
    '2024-01-0xT00:00:00Z',
    '2024-01-01T00:00:00+0a:00',
    '2024-01-01T00:00:00.Z',
    '2024-01-01T00:00:00 junk',
  ])('NaN for %j', (s) => {
    expect(parseGnocchiTimestamp(s)).toBeNaN();
  });
});

describe('toGnocchiTime', () => {
  it('is ISO UTC with Z', () => {
    expect(toGnocchiTime(Date.UTC(2024, 0, 1, 12, 30))).toBe('2024-01-01T12:30:00.000Z');
  });
  it('round-trips', () => {
    const t = Date.UTC(2024, 5, 1, 1, 2, 3, 456);
    expect(parseGnocchiTimestamp(toGnocchiTime(t))).toBe(t);
  });
});
