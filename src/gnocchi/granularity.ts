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
