/**
 * Zero fill (the old `draw_missing_datapoint_as_zero`). As in the old plugin, a 0 is inserted for
 * every missing bucket *between* two returned points; nothing is added before the first point or
 * after the last one (the newest buckets are often just not processed yet, and a drop to 0 would
 * be false). Buckets outside [fromMs, toMs] are never added. Null (NaN) values are kept: they are
 * returned buckets, not missing ones.
 */
export interface ZeroFill {
  fromMs?: number;
  toMs?: number;
  /** Defaults to the granularity of the series. */
  stepMs?: number;
}

/** Upper bound of zeros added to one series, against absurd step/range combinations. */
const MAX_ZERO_FILL = 1_000_000;

export function zeroFill(
  times: number[],
  values: Array<number | null>,
  stepMs: number,
  fromMs = -Infinity,
  toMs = Infinity
): [number[], Array<number | null>] {
  if (!(stepMs > 0) || times.length < 2) {
    return [times, values];
  }
  // Count the zeros first, so the output arrays are allocated once.
  let extra = 0;
  for (let i = 1; i < times.length && extra <= MAX_ZERO_FILL; i++) {
    forEachMissing(times[i - 1], times[i], stepMs, fromMs, toMs, () => extra++);
  }
  if (extra === 0 || extra > MAX_ZERO_FILL) {
    return [times, values];
  }
  const outT = new Array<number>(times.length + extra);
  const outV = new Array<number | null>(times.length + extra);
  let n = 0;
  const addZero = (t: number) => {
    outT[n] = t;
    outV[n] = 0;
    n++;
  };
  for (let i = 0; i < times.length; i++) {
    if (i > 0) {
      forEachMissing(times[i - 1], times[i], stepMs, fromMs, toMs, addZero);
    }
    outT[n] = times[i];
    outV[n] = values[i];
    n++;
  }
  return [outT, outV];
}

/** Calls `fn` for each bucket strictly between prev and next, at step, inside [from, to]. */
function forEachMissing(prev: number, next: number, step: number, from: number, to: number, fn: (t: number) => void) {
  if (!(next - prev > step)) {
    return; // no gap (also NaN timestamps)
  }
  const end = Math.min(next, to + step);
  for (let k = 1, t = prev + step; t < end && k <= MAX_ZERO_FILL; t = prev + ++k * step) {
    if (t >= from && t <= to) {
      fn(t);
    }
  }
}
