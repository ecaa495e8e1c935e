/**
 * Measures → time and value columns: one granularity kept, values as numbers (NaN → null),
 * optional zero fill. Pure; the frames are built from these columns in `query/frames.ts`.
 */
import type { Measure } from '../types';
import { granularitySeconds, isCalendarGranularity, pickGranularity } from './granularity';
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
  if (!measures.length) {
    return { times: [], values: [] };
  }
  const picked = pickGranularity(measures, opts.granularity);
  const keepSec = picked.sec;
  const all = picked.count === measures.length;
  let times = new Array<number>(picked.count);
  let values = new Array<number | null>(picked.count);
  let n = 0;
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i];
    if (all || granularitySeconds(m[1]) === keepSec) {
      times[n] = parseGnocchiTimestamp(m[0]);
      values[n] = toValue(m[2]);
      n++;
    }
  }
  if (opts.zeroFill) {
    // Calendar buckets (W, M, ...) have no fixed length: no default zero-fill step.
    const stepMs = opts.zeroFill.stepMs || (isCalendarGranularity(keepSec) ? 0 : keepSec * 1000);
    [times, values] = zeroFill(times, values, stepMs, opts.zeroFill.fromMs, opts.zeroFill.toMs);
  }
  return { times, values };
}
