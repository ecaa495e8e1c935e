import { archivesOf, commonArchives, planGranularity, planLegacy, timedeltaSeconds } from './plan';

const H = 3_600_000;
const D = 24 * H;
const NOW = Date.UTC(2026, 10, 30, 12);
const HIGH = archivesOf({
  definition: [
    { granularity: '0:00:01', timespan: '1:00:00', points: 3600 },
    { granularity: '0:01:00', timespan: '1 day, 0:00:00', points: 1440 },
    { granularity: '1:00:00', timespan: '365 days, 0:00:00', points: 8760 },
  ],
});
const LOW = archivesOf({ definition: [{ granularity: '0:05:00', timespan: '30 days, 0:00:00', points: 8640 }] });
// Grafana's interval for a 1000 px panel: 1 h → 2 s, 1 d → 1 min, 7 d → 10 min (rounded range / max data points)
const panel = (rangeMs: number, intervalMs: number, extra: Partial<{ maxDataPoints: number; nowMs: number }> = {}) => ({
  fromMs: (extra.nowMs ?? NOW) - rangeMs,
  toMs: extra.nowMs ?? NOW,
  nowMs: NOW,
  intervalMs,
  maxDataPoints: extra.maxDataPoints ?? 1000,
});

describe('timedeltaSeconds / archivesOf / commonArchives', () => {
  it('reads Gnocchi timedeltas and numbers', () => {
    expect(timedeltaSeconds('365 days, 0:00:00')).toBe(365 * 86400);
    expect(timedeltaSeconds('1 day, 0:00:00')).toBe(86400);
    expect(timedeltaSeconds('0:05:00')).toBe(300);
    expect(timedeltaSeconds('0:00:00.500000')).toBe(0.5);
    expect(timedeltaSeconds(60)).toBe(60);
    expect(timedeltaSeconds('60')).toBe(60);
    expect(timedeltaSeconds('nonsense')).toBeNaN();
    expect(timedeltaSeconds(null)).toBeNaN();
  });
  it('archives finest first, retention from points when the timespan is missing, bad ones dropped', () => {
    expect(HIGH.map((a) => [a.granularity, a.timespan])).toEqual([
      [1, 3600],
      [60, 86400],
      [3600, 365 * 86400],
    ]);
    expect(
      archivesOf({ definition: [{ granularity: 60, points: 10 }, { granularity: 'x' }, { granularity: 5 }] })
    ).toEqual([{ granularity: 5 }, { granularity: 60, timespan: 600 }]);
  });
  it('granularities in common keep the shortest retention', () => {
    const medium = archivesOf({
      definition: [
        { granularity: 60, timespan: 7 * 86400 },
        { granularity: 3600, timespan: 86400 },
      ],
    });
    expect(commonArchives([HIGH, medium])).toEqual([
      { granularity: 60, timespan: 86400 },
      { granularity: 3600, timespan: 86400 },
    ]);
    expect(commonArchives([HIGH, LOW])).toEqual([]);
    expect(commonArchives([])).toEqual([]);
  });
});

describe('planGranularity (new queries)', () => {
  it('ceilometer-high: 1 h resamples the 1 s archive, 1 d takes the minute archive, 7 d the hourly one', () => {
    expect(planGranularity(HIGH, panel(H, 2000), true)).toEqual({ granularity: 1, resample: 4 });
    expect(planGranularity(HIGH, panel(D, 60_000), true)).toEqual({ granularity: 60 });
    expect(planGranularity(HIGH, panel(7 * D, 600_000), true)).toEqual({ granularity: 3600 });
  });
  it('ceilometer-low: the 5 min archive, resampled when it has more points than the panel', () => {
    expect(planGranularity(LOW, panel(H, 2000), true)).toEqual({ granularity: 300 });
    expect(planGranularity(LOW, panel(D, 60_000), true)).toEqual({ granularity: 300 });
    expect(planGranularity(LOW, panel(7 * D, 600_000), true)).toEqual({ granularity: 300, resample: 900 });
  });
  it('without resampling (an aggregation that cannot be re-aggregated): the coarser archive, else the finer', () => {
    expect(planGranularity(HIGH, panel(H, 2000), false)).toEqual({ granularity: 60 });
    expect(planGranularity(LOW, panel(7 * D, 600_000), false)).toEqual({ granularity: 300 });
  });
  it('respects the interval (a min interval): never finer than it without resampling', () => {
    expect(planGranularity(HIGH, panel(D, 300_000), true)).toEqual({ granularity: 60, resample: 300 });
    expect(planGranularity(HIGH, panel(D, 300_000), false)).toEqual({ granularity: 3600 });
  });
  it('a range in the past that the finer archives no longer hold: the archive that still does', () => {
    const old = { ...panel(H, 2000), fromMs: NOW - 3 * D - H, toMs: NOW - 3 * D };
    expect(planGranularity(HIGH, old, true)).toEqual({ granularity: 3600 });
  });
  it('long range with room for finer points in the recent part: no plan (every granularity, stitched)', () => {
    // 7 days on a 20,000 point panel: minutes for the last day, hours before (columns.ts stitches)
    expect(planGranularity(HIGH, panel(7 * D, 30_000, { maxDataPoints: 20_000 }), true)).toBeUndefined();
  });
  it('nothing covers the range: the coarsest when it is the choice, else no plan', () => {
    const twoYears = panel(730 * D, 86_400_000);
    expect(planGranularity(HIGH, twoYears, true)).toEqual({ granularity: 3600 });
    const medium = archivesOf({
      definition: [
        { granularity: 60, timespan: 86400 },
        { granularity: 3600, timespan: 7 * 86400 },
      ],
    });
    expect(planGranularity(medium, panel(30 * D, 60_000, { maxDataPoints: 100_000 }), true)).toBeUndefined();
  });
  it('no archive or an empty range: no plan', () => {
    expect(planGranularity([], panel(H, 2000), true)).toBeUndefined();
    expect(planGranularity(HIGH, { ...panel(H, 2000), toMs: NOW - H }, true)).toBeUndefined();
  });
});

describe('planLegacy (saved 1.x queries)', () => {
  it('the granularity chooseGranularity picked from what Gnocchi returned, when its archive covers the range', () => {
    expect(planLegacy(HIGH, panel(H, 2000))).toEqual({ granularity: 60 });
    expect(planLegacy(HIGH, panel(D, 60_000))).toEqual({ granularity: 3600 });
    expect(planLegacy(LOW, panel(7 * D, 600_000))).toEqual({ granularity: 300 });
  });
  it('a chosen archive that does not reach back to the start (coarser points stitched before it): no plan', () => {
    expect(planLegacy(HIGH, panel(7 * D, 30_000, { maxDataPoints: 20_000 }))).toBeUndefined();
  });
});
