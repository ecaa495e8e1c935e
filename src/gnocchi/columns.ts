/**
 * Measures → time and value columns, values as numbers (NaN → null), optional zero fill. Pure; the
 * frames are built from these columns in `query/frames.ts`.
 *
 * Granularity: a response with one granularity is taken whole. Without a `granularity` in the
 * request Gnocchi returns every granularity of the archive policy: the chosen one is kept, and where
 * the range reaches back beyond it (the finer archive's timespan is shorter than the range), the
 * next coarser granularities fill the older part — as 1.7.1 drew it — with no duplicate timestamp.
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
  /** Start of the time range: coarser archives fill in only inside it (Gnocchi rounds the start down). */
  fromMs?: number;
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
    return fromColumns(pre, opts);
  }
  if (!measures.length) {
    return { times: [], values: [] };
  }
  const picked = pickGranularity(measures, opts.granularity);
  if (picked.count === measures.length) {
    const times = new Array<number>(measures.length);
    const values = new Array<number | null>(measures.length);
    for (let i = 0; i < measures.length; i++) {
      times[i] = parseGnocchiTimestamp(measures[i][0]);
      values[i] = toValue(measures[i][2]);
    }
    return finish({ sec: picked.sec, times, values }, opts);
  }
  return stitch(
    measures.length,
    (i) => granularitySeconds(measures[i][1]),
    (i) => parseGnocchiTimestamp(measures[i][0]),
    (i) => toValue(measures[i][2]),
    picked.sec,
    opts
  );
}

type Points = { sec: number; times: number[]; values: Array<number | null> };

/**
 * Several granularities: the points of `keepSec`, then, older than the oldest of them, the points of
 * each coarser granularity in turn; each part zero-filled at its own step.
 */
function stitch(
  n: number,
  secAt: (i: number) => number,
  timeAt: (i: number) => number,
  valueAt: (i: number) => number | null,
  keepSec: number,
  opts: ColumnsOptions
): Columns {
  const groups = new Map<number, Points>();
  for (let i = 0; i < n; i++) {
    const sec = secAt(i);
    if (sec < keepSec) {
      continue;
    }
    let g = groups.get(sec);
    if (!g) {
      g = { sec, times: [], values: [] };
      groups.set(sec, g);
    }
    g.times.push(timeAt(i));
    g.values.push(valueAt(i));
  }
  const parts: Points[] = [];
  let cutoff = Infinity;
  for (const sec of [...groups.keys()].sort((a, b) => a - b)) {
    const g = groups.get(sec)!;
    const part: Points = { sec, times: [], values: [] };
    for (let i = 0; i < g.times.length; i++) {
      if (sec === keepSec || (g.times[i] < cutoff && g.times[i] >= (opts.fromMs ?? -Infinity))) {
        part.times.push(g.times[i]);
        part.values.push(g.values[i]);
      }
    }
    if (part.times.length) {
      cutoff = Math.min(cutoff, ...part.times);
      parts.unshift(part);
    }
  }
  const times: number[] = [];
  const values: Array<number | null> = [];
  parts.forEach((part, k) => {
    if (k > 0 && opts.zeroFill) {
      // the gap between two parts is filled at the step of the newer one, as 1.7.1 did
      const bridge = finish(
        {
          sec: part.sec,
          times: [times[times.length - 1], part.times[0]],
          values: [values[values.length - 1], part.values[0]],
        },
        opts
      );
      times.push(...bridge.times.slice(1, -1));
      values.push(...bridge.values.slice(1, -1));
    }
    const filled = finish(part, opts);
    times.push(...filled.times);
    values.push(...filled.values);
  });
  return { times, values };
}

/** Pre-parsed columns (gnocchi/reader) → plain arrays (what Grafana's fields expect); NaN values → null. */
function fromColumns(c: MeasureColumns, opts: ColumnsOptions): Columns {
  const g = c.granularities;
  const n = g.length;
  if (!n) {
    return { times: [], values: [] };
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
    if (sec === opts.granularity) {
      wantedCount++;
    }
  }
  const t = c.times;
  const v = c.values;
  const value = (i: number) => (v[i] === v[i] ? v[i] : null);
  if (!allSame) {
    const keep = wantedCount === 0 ? finest : (opts.granularity as number);
    return stitch(
      n,
      (i) => g[i],
      (i) => t[i],
      value,
      keep,
      opts
    );
  }
  const times = new Array<number>(n);
  const values = new Array<number | null>(n);
  for (let i = 0; i < n; i++) {
    times[i] = t[i];
    values[i] = value(i);
  }
  return finish({ sec: finest, times, values }, opts);
}

function finish(picked: Points, opts: ColumnsOptions): Columns {
  let { times, values } = picked;
  const keepSec = picked.sec;
  if (opts.zeroFill && times.length) {
    // Calendar buckets (W, M, ...) have no fixed length: no default zero-fill step.
    const stepMs = opts.zeroFill.stepMs || (isCalendarGranularity(keepSec) ? 0 : keepSec * 1000);
    [times, values] = zeroFill(times, values, stepMs, opts.zeroFill.fromMs, opts.zeroFill.toMs);
  }
  return { times, values };
}
