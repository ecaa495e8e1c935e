/**
 * Granularity choice. Gnocchi has no server-side downsampling to `maxDataPoints`; a request
 * without `granularity` returns every granularity of the archive policy. The client therefore
 * picks one of the granularities it returned (seconds):
 *
 *   1. candidates: granularities g >= the panel interval (intervalMs / 1000), and, when
 *      maxDataPoints is given, with rangeMs / 1000 / g <= maxDataPoints;
 *   2. the finest candidate wins;
 *   3. no candidate (the interval or the point budget exceeds every granularity): the coarsest.
 *
 * No granularities → undefined (let Gnocchi decide). Retention (`timespan`) is not considered.
 */
import type { Measure } from '../types';
import { columnsOf } from './reader/tagged';

export function chooseGranularity(
  policyGranularities: number[],
  intervalMs: number,
  rangeMs: number,
  maxDataPoints?: number
): number | undefined {
  const gs = policyGranularities.filter((g) => Number.isFinite(g) && g > 0).sort((a, b) => a - b);
  if (!gs.length) {
    return undefined;
  }
  const interval = Number.isFinite(intervalMs) ? intervalMs / 1000 : 0;
  const rangeSec = Number.isFinite(rangeMs) ? rangeMs / 1000 : 0;
  const limit = maxDataPoints !== undefined && maxDataPoints > 0 ? maxDataPoints : undefined;
  for (const g of gs) {
    // Tolerance: 59.999 s intervals must still choose 60 s.
    if (g >= interval * (1 - 1e-9) && (limit === undefined || rangeSec / g <= limit * (1 + 1e-9))) {
      return g;
    }
  }
  return gs[gs.length - 1];
}

// Calendar resample granularities (measures endpoint) in approximate seconds, for ordering only.
const CALENDAR_SECONDS: Record<string, number> = { W: 604800, M: 2629800, Q: 7889400, H: 15778800, Y: 31557600 };
const CALENDAR_VALUES = Object.values(CALENDAR_SECONDS);

/** A measure's granularity in seconds (numbers, numeric strings, calendar letters). */
export function granularitySeconds(g: number | string): number {
  if (typeof g === 'number') {
    return g;
  }
  return CALENDAR_SECONDS[g] ?? Number(g);
}

/** Calendar buckets (W, M, ...) have no fixed length. */
export function isCalendarGranularity(sec: number): boolean {
  return CALENDAR_VALUES.includes(sec);
}

/** Granularities (seconds) present in the measures of some series, ascending. */
export function granularitiesOf(all: Array<{ measures: Measure[] }>): number[] {
  const seen = new Set<number>();
  for (const s of all) {
    let last: unknown = undefined;
    const columns = columnsOf(s.measures);
    if (columns) {
      for (const g of columns.granularities) {
        if (g !== last) {
          last = g;
          if (Number.isFinite(g)) {
            seen.add(g);
          }
        }
      }
      continue;
    }
    for (const m of s.measures) {
      if (m[1] !== last) {
        last = m[1];
        const g = Number(m[1]);
        if (Number.isFinite(g)) {
          seen.add(g);
        }
      }
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * The granularity of `measures` to keep: `wanted` when some measure has it, else the finest present.
 * Returns it in seconds and how many measures have it (all of them when there is one granularity).
 */
export function pickGranularity(measures: Measure[], wanted?: number): { sec: number; count: number } {
  let finestSec = granularitySeconds(measures[0][1]);
  let allSame = true;
  let wantedCount = 0;
  for (let i = 0; i < measures.length; i++) {
    const sec = granularitySeconds(measures[i][1]);
    if (sec !== finestSec) {
      allSame = false;
      if (sec < finestSec) {
        finestSec = sec;
      }
    }
    if (sec === wanted) {
      wantedCount++;
    }
  }
  if (allSame) {
    return { sec: finestSec, count: measures.length };
  }
  if (wantedCount > 0) {
    return { sec: wanted as number, count: wantedCount };
  }
  let count = 0;
  for (let i = 0; i < measures.length; i++) {
    if (granularitySeconds(measures[i][1]) === finestSec) {
      count++;
    }
  }
  return { sec: finestSec, count };
}
