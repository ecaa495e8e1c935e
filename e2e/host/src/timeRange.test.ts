import { parseTime, resolveRange, toRange } from './timeRange';

describe('time range', () => {
  it('reads epoch ms, ISO dates and relative times in UTC', () => {
    expect(parseTime('1704067200000', false).valueOf()).toBe(Date.UTC(2024, 0, 1));
    expect(parseTime(' 2024-01-01T00:10:00Z ', false).valueOf()).toBe(Date.UTC(2024, 0, 1, 0, 10));
    const r = toRange({ from: 'now-3h', to: 'now' });
    expect(r.to.valueOf() - r.from.valueOf()).toBeGreaterThanOrEqual(3 * 3_600_000);
    expect(r.raw).toEqual({ from: 'now-3h', to: 'now' });
  });

  it('names the bound that does not parse', () => {
    expect(() => toRange({ from: 'yesterday-ish', to: 'now' })).toThrow('Invalid time "yesterday-ish"');
    expect(() => toRange({ from: 'now-1h', to: '' })).toThrow('Invalid time ""');
  });

  it('resolveRange falls back to the last 6 hours with the reason', () => {
    expect(resolveRange({ from: '1000', to: '2000' })).toEqual({ range: toRange({ from: '1000', to: '2000' }) });
    const bad = resolveRange({ from: 'nope', to: 'now' });
    expect(bad.error).toBe('Invalid time "nope"');
    expect(bad.range.raw).toEqual({ from: 'now-6h', to: 'now' });
  });
});
