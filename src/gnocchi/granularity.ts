/**
 * Granularity choice. Gnocchi has no server-side downsampling to `maxDataPoints`; a request
 * without `granularity` returns every granularity of the archive policy. The client therefore
 * picks one of the policy's granularities (seconds):
 *
 *   1. candidates: granularities g >= the panel interval (intervalMs / 1000), and, when
 *      maxDataPoints is given, with rangeMs / 1000 / g <= maxDataPoints;
 *   2. the finest candidate wins;
 *   3. no candidate (the interval or the point budget exceeds every granularity): the coarsest.
 *
 * No granularities → undefined (let Gnocchi decide). Retention (`timespan`) is not considered.
 */
import type { GnocchiArchivePolicy } from '../types';

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

// "[N day[s], ]H:MM:SS[.ffffff]" (Python timedelta str), e.g. "0:01:00", "1 day, 0:00:00".
const TIMEDELTA = /^(?:(-?\d+)\s+days?,\s*)?(\d+):(\d\d):(\d\d(?:\.\d+)?)$/;

/** Seconds of a granularity as found in an archive policy definition, NaN if unparsable. */
export function parseTimespan(g: string | number): number {
  if (typeof g === 'number') {
    return g;
  }
  const s = g.trim();
  if (/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    return Number(s);
  }
  const m = TIMEDELTA.exec(s);
  if (!m) {
    return NaN;
  }
  const days = m[1] ? Number(m[1]) : 0;
  return days * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

/** The policy's granularities in seconds, ascending, distinct, invalid ones dropped. */
export function parseGranularities(policy: GnocchiArchivePolicy): number[] {
  const out = new Set<number>();
  for (const d of policy.definition ?? []) {
    const g = parseTimespan(d.granularity);
    if (Number.isFinite(g) && g > 0) {
      out.add(g);
    }
  }
  return [...out].sort((a, b) => a - b);
}
