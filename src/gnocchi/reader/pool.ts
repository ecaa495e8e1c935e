/**
 * Where the reader writes points: three Float64Arrays (times, granularities, values) shared by all
 * the measures lists of one response, outside the JS heap (no garbage-collector copies of millions
 * of numbers). Each list's columns are views of its slice; when the arrays are full, bigger ones
 * take over and the list being read moves there (earlier views keep the old arrays).
 */
import type { MeasureColumns } from './tagged';

/** Characters of text per point assumed for the first arrays: `["2026-01-01T00:00:00+00:00", 60.0, 1.5], `. */
const CHARS_PER_POINT = 40;

export class ColumnPool {
  times: Float64Array;
  granularities: Float64Array;
  values: Float64Array;
  /** The first free slot. */
  n = 0;

  constructor(textLength: number) {
    const capacity = Math.max(16, Math.ceil(textLength / CHARS_PER_POINT));
    this.times = new Float64Array(capacity);
    this.granularities = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  /** Bigger arrays, with the points from `start` (the list being read) moved to their beginning. */
  grow(start: number): void {
    const capacity = this.times.length * 2;
    const moved = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a.subarray(start, this.n));
      return b;
    };
    this.times = moved(this.times);
    this.granularities = moved(this.granularities);
    this.values = moved(this.values);
    this.n -= start;
  }

  /** The columns of the points from `start` to the first free slot. */
  columns(start: number): MeasureColumns {
    const end = this.n;
    return {
      times: this.times.subarray(start, end),
      granularities: this.granularities.subarray(start, end),
      values: this.values.subarray(start, end),
    };
  }
}
