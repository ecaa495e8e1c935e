import type { GnocchiArchivePolicy } from '../types';
import { chooseGranularity, parseGranularities, parseTimespan } from './granularity';

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

describe('parseTimespan', () => {
  it.each([
    [60, 60],
    ['60', 60],
    ['60.0', 60],
    ['0.5', 0.5],
    ['0:01:00', 60],
    ['1:00:00', 3600],
    ['12:30:15', 45015],
    ['1 day, 0:00:00', 86400],
    ['2 days, 1:00:00', 176400],
    ['365 days, 0:00:00', 31536000],
    ['0:00:00.500000', 0.5],
  ])('%j → %d', (input, expected) => {
    expect(parseTimespan(input)).toBe(expected);
  });

  it.each(['', 'abc', '1h', '1:2:3'])('NaN for %j', (input) => {
    expect(parseTimespan(input)).toBeNaN();
  });
});

describe('parseGranularities', () => {
  it('parses a Gnocchi archive policy', () => {
    const policy: GnocchiArchivePolicy = {
      name: 'ceilometer-low',
      back_window: 0,
      aggregation_methods: ['mean'],
      definition: [
        { granularity: '1 day, 0:00:00', points: 30, timespan: '30 days, 0:00:00' },
        { granularity: '0:05:00', points: 8640, timespan: '30 days, 0:00:00' },
        { granularity: 3600, points: 720 },
        { granularity: '0:05:00' },
        { granularity: 'bogus' },
      ],
    };
    expect(parseGranularities(policy)).toEqual([300, 3600, 86400]);
  });
});
