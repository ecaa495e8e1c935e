import { chooseGranularity } from './granularity';

const H = 3600000;
const D = 24 * H;

describe('chooseGranularity', () => {
  const gs = [60, 300, 3600, 86400];

  it('picks the finest granularity >= the interval', () => {
    expect(chooseGranularity(gs, 15000, H)).toBe(60);
    expect(chooseGranularity(gs, 60000, H)).toBe(60);
    expect(chooseGranularity(gs, 59999.99999999, H)).toBe(60);
    expect(chooseGranularity(gs, 120000, D)).toBe(300);
    expect(chooseGranularity(gs, 2 * H, 30 * D)).toBe(86400);
  });

  it('respects maxDataPoints', () => {
    // 1 day at 60 s = 1440 points > 1000 → 300 s (288 points).
    expect(chooseGranularity(gs, 1000, D, 1000)).toBe(300);
    expect(chooseGranularity(gs, 1000, D, 1440)).toBe(60);
    expect(chooseGranularity(gs, 1000, 365 * D, 1000)).toBe(86400);
  });

  it('falls back to the coarsest', () => {
    expect(chooseGranularity(gs, 7 * D, 365 * D)).toBe(86400);
    expect(chooseGranularity(gs, 1000, 10000 * D, 100)).toBe(86400);
  });

  it('ignores order, duplicates and invalid entries', () => {
    expect(chooseGranularity([3600, 60, NaN, 0, -5, 60], 30000, H)).toBe(60);
    expect(chooseGranularity([], 1000, H)).toBeUndefined();
    expect(chooseGranularity([NaN], 1000, H)).toBeUndefined();
  });

  it('treats a missing interval as 0', () => {
    expect(chooseGranularity(gs, NaN, H)).toBe(60);
  });
});
