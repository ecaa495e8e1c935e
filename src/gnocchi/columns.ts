/**
 * Measures → time and value columns: one granularity kept, values as numbers (NaN → null),
 * optional zero fill. Pure; the frames are built from these columns in `query/frames.ts`.
 */
import type { Measure } from '../types';
import { granularitySeconds, isCalendarGranularity, pickGranularity } from './granularity';
import { columnsOf, MeasureColumns } from './reader/tagged';
import { parseGnocchiTimestamp } from './time';
import { zeroFill, ZeroFill } from './zeroFill';

export interface Columns {
  times: number[];
  values: Array<number | null>;
}

export interface ColumnsOptions {
  /** Seconds: keep only this granularity when present (otherwise the finest present). */
  granularity?: number;
  zeroFill?: ZeroFill;
}

function toValue(v: unknown): number | null {
  if (typeof v === 'number') {
    return v === v ? v : null; // NaN → null
  }
  if (typeof v === 'string' && v !== '') {
    const n = Number(v);
    return n === n ? n : null;
  }
  return null;
}

export function measuresToColumns(measures: Measure[], opts: ColumnsOptions = {}): Columns {
  const pre = columnsOf(measures);
  if (pre) {
    return finish(pickColumns(pre, opts.granularity), opts);
  }
  if (!measures.length) {
    return { times: [], values: [] };
  }
  const picked = pickGranularity(measures, opts.granularity);
  const keepSec = picked.sec;
  const all = picked.count === measures.length;
  const times = new Array<number>(picked.count);
  const values = new Array<number | null>(picked.count);
  let n = 0;
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i];
    if (all || granularitySeconds(m[1]) === keepSec) {
      times[n] = parseGnocchiTimestamp(m[0]);
      values[n] = toValue(m[2]);
      n++;
    }
  }
  return finish({ sec: keepSec, times, values }, opts);
}

/**
 * Pre-parsed columns (gnocchi/reader) → the points of one granularity, chosen as `pickGranularity`
 * does, as plain arrays (what Grafana's fields expect); NaN values → null.
 */
function pickColumns(c: MeasureColumns, wanted?: number): { sec: number; times: number[]; values: Array<number | null> } {
  const g = c.granularities;
  const n = g.length;
  if (!n) {
    return { sec: NaN, times: [], values: [] };
  }
  let finest = g[0];
  let allSame = true;
  let wantedCount = 0;
  for (let i = 0; i < n; i++) {
    const sec = g[i];
    if (sec !== finest) {
      allSame = false;
      if (sec < finest) {
        finest = sec;
      }
    }
    if (sec === wanted) {
      wantedCount++;
    }
  }
  const keep = allSame || wantedCount === 0 ? finest : (wanted as number);
  let count = allSame ? n : wantedCount;
  if (!allSame && wantedCount === 0) {
    count = 0;
    for (let i = 0; i < n; i++) {
      count += g[i] === keep ? 1 : 0;
    }
  }
  const times = new Array<number>(count);
  const values = new Array<number | null>(count);
  const t = c.times;
  const v = c.values;
  for (let i = 0, k = 0; i < n; i++) {
    if (allSame || g[i] === keep) {
      const x = v[i];
      times[k] = t[i];
      values[k] = x === x ? x : null;
      k++;
    }
  }
  return { sec: keep, times, values };
}

function finish(picked: { sec: number; times: number[]; values: Array<number | null> }, opts: ColumnsOptions): Columns {
  let { times, values } = picked;
  const keepSec = picked.sec;
  if (opts.zeroFill && times.length) {
    // Calendar buckets (W, M, ...) have no fixed length: no default zero-fill step.
    const stepMs = opts.zeroFill.stepMs || (isCalendarGranularity(keepSec) ? 0 : keepSec * 1000);
    [times, values] = zeroFill(times, values, stepMs, opts.zeroFill.fromMs, opts.zeroFill.toMs);
  }
  return { times, values };
}
