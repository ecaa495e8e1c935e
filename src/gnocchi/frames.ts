/**
 * Gnocchi measures and /v1/aggregates responses → Grafana data frames.
 */
import { createDataFrame, DataFrame, FieldType } from '@grafana/data';

import type { GnocchiMetric, GnocchiResource, Measure } from '../types';
import { defaultSeriesNames, groupLabels, renderLabel, labelVars, resourceLabels } from './labels';
import { parseGnocchiTimestamp } from './time';

/** One time series of a response, before naming. */
export interface Series {
  measures: Measure[];
  /** Frame labels: resource attributes, group keys, `metric`, `aggregation`, `metric_id`. */
  labels: Record<string, string>;
  /** Metric name (or id when unknown); undefined for an aggregated series. */
  metric?: string;
  /** Aggregation method; undefined for an aggregated series. */
  aggregation?: string;
  resource?: GnocchiResource;
  group?: Record<string, unknown>;
  unit?: string;
}

/**
 * Zero fill (the old `draw_missing_datapoint_as_zero`). As in the old plugin, a 0 is inserted for
 * every missing bucket *between* two returned points; nothing is added before the first point or
 * after the last one (the newest buckets are often just not processed yet, and a drop to 0 would
 * be false). Buckets outside [fromMs, toMs] are never added. `stepMs` defaults to the granularity
 * of the series. Null (NaN) values are kept: they are returned buckets, not missing ones.
 */
export interface ZeroFill {
  fromMs?: number;
  toMs?: number;
  stepMs?: number;
}

export interface MeasuresToFrameOptions {
  refId: string;
  name: string;
  labels: Record<string, string>;
  /** Seconds: keep only this granularity when present (otherwise the finest present). */
  granularity?: number;
  zeroFill?: ZeroFill;
  unit?: string;
}

/** Upper bound of zeros added to one series, against absurd step/range combinations. */
const MAX_ZERO_FILL = 1_000_000;

// Calendar resample granularities (measures endpoint) in approximate seconds, for ordering only.
const CALENDAR_SECONDS: Record<string, number> = { W: 604800, M: 2629800, Q: 7889400, H: 15778800, Y: 31557600 };

const CALENDAR_VALUES = Object.values(CALENDAR_SECONDS);

function granularitySeconds(g: number | string): number {
  if (typeof g === 'number') {
    return g;
  }
  return CALENDAR_SECONDS[g] ?? Number(g);
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

/**
 * Picks the granularity to keep: `wanted` when some measure has it, else the finest present.
 * Returns it in seconds and how many measures have it.
 */
function pickGranularity(measures: Measure[], wanted?: number): { sec: number; count: number } {
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

/** Measures → one frame with `Time` and `Value` fields. */
export function measuresToFrame(measures: Measure[], opts: MeasuresToFrameOptions): DataFrame {
  let times: number[] = [];
  let values: Array<number | null> = [];

  if (measures.length) {
    const picked = pickGranularity(measures, opts.granularity);
    const keepSec = picked.sec;
    const all = picked.count === measures.length;
    // Calendar buckets (W, M, ...) have no fixed length: no default zero-fill step.
    const calendar = CALENDAR_VALUES.includes(keepSec);
    times = new Array<number>(picked.count);
    values = new Array<number | null>(picked.count);
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
      const stepMs = opts.zeroFill.stepMs || (calendar ? 0 : keepSec * 1000);
      [times, values] = zeroFill(times, values, stepMs, opts.zeroFill.fromMs, opts.zeroFill.toMs);
    }
  }

  const valueConfig: { displayNameFromDS: string; unit?: string } = { displayNameFromDS: opts.name };
  if (opts.unit) {
    valueConfig.unit = opts.unit;
  }
  // No `config.interval` on the time field: Grafana would then break the line at every missing
  // bucket, and Gnocchi series are often sparser than their granularity (e.g. a 60 s archive fed
  // every 5 minutes), which drew them as dots. Missing buckets as zeros is the query's option.
  const timeConfig = {};
  return createDataFrame({
    name: opts.name,
    refId: opts.refId,
    fields: [
      { name: 'Time', type: FieldType.time, config: timeConfig, values: times },
      { name: 'Value', type: FieldType.number, config: valueConfig, values, labels: opts.labels },
    ],
  });
}

function zeroFill(
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

/** `GET /v1/metric/<id>/measures` body → measures. */
export function measuresOf(body: unknown): Measure[] {
  if (!Array.isArray(body)) {
    throw new Error('Unexpected response from Gnocchi measures endpoint: expected a list of measures');
  }
  return body as Measure[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function byId<T extends { id?: unknown }>(references: unknown): Map<string, T> {
  const map = new Map<string, T>();
  if (Array.isArray(references)) {
    for (const r of references) {
      if (isObject(r) && typeof r.id === 'string') {
        map.set(r.id, r as T);
      }
    }
  }
  return map;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function resourceSortKey(r: GnocchiResource | undefined, id: string): string {
  const name = r?.display_name ?? r?.name ?? r?.original_resource_id ?? id;
  return String(name);
}

/** The `measures` + `references` part of an aggregates body (shapes A, B, C) → series. */
function seriesOfBody(measures: unknown, references: unknown): Series[] {
  if (!isObject(measures)) {
    throw new Error('Unexpected response from Gnocchi /v1/aggregates: no "measures" object');
  }
  const out: Series[] = [];
  const sortKeys: string[][] = [];
  const metrics = byId<GnocchiMetric>(references);
  const resources = byId<GnocchiResource>(references);
  for (const key of Object.keys(measures)) {
    const v = measures[key];
    if (Array.isArray(v)) {
      // A: {"aggregated": [...]}
      out.push({ measures: v as Measure[], labels: {} });
      sortKeys.push([]);
      continue;
    }
    if (!isObject(v)) {
      continue;
    }
    for (const inner of Object.keys(v)) {
      const w = v[inner];
      if (Array.isArray(w)) {
        // B: {"<metric id>": {"<agg>": [...]}}
        const metric = metrics.get(key);
        const name = metric?.name ?? key;
        const labels: Record<string, string> = { metric: name, aggregation: inner, metric_id: key };
        if (metric?.resource_id) {
          labels.resource_id = metric.resource_id;
        }
        const s: Series = { measures: w as Measure[], labels, metric: name, aggregation: inner };
        if (metric?.unit) {
          s.unit = metric.unit;
        }
        out.push(s);
        sortKeys.push([name, key, inner]);
      } else if (isObject(w)) {
        // C: {"<resource id>": {"<metric name>": {"<agg>": [...]}}}
        const resource = resources.get(key);
        for (const agg of Object.keys(w)) {
          const measuresOfAgg = w[agg];
          if (!Array.isArray(measuresOfAgg)) {
            continue;
          }
          const labels = resource ? resourceLabels(resource) : { id: key };
          labels.metric = inner;
          labels.aggregation = agg;
          const s: Series = { measures: measuresOfAgg as Measure[], labels, metric: inner, aggregation: agg };
          s.resource = resource ?? { id: key };
          out.push(s);
          sortKeys.push([resourceSortKey(resource, key), key, inner, agg]);
        }
      }
    }
  }
  // Deterministic order (legend colours follow it): by name, id, metric, aggregation.
  const order = out.map((_, i) => i);
  order.sort((a, b) => {
    const ka = sortKeys[a];
    const kb = sortKeys[b];
    for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
      const c = compare(ka[i] ?? '', kb[i] ?? '');
      if (c) {
        return c;
      }
    }
    return a - b;
  });
  return order.map((i) => out[i]);
}

/**
 * Any `POST /v1/aggregates` response → series:
 * - A `{"measures": {"aggregated": [...]}}`: one series, no metric/aggregation;
 * - B `{"measures": {"<metric id>": {"<agg>": [...]}}, "references": [metrics]}`;
 * - C `{"measures": {"<resource id>": {"<metric>": {"<agg>": [...]}}}, "references": [resources]}`;
 * - D `[{"group": {...}, "measures": {"measures": <A or C>, "references": [...]}}]`: groups in
 *   response order (Gnocchi sorts them), group keys added to the labels (ordered as `ctx.groupby`).
 * Within a body, series are sorted by resource name / metric name, id, metric, aggregation.
 */
export function aggregatesToSeries(body: unknown, ctx: { groupby?: string[] } = {}): Series[] {
  if (Array.isArray(body)) {
    const out: Series[] = [];
    for (const item of body) {
      if (!isObject(item) || !isObject(item.measures)) {
        throw new Error('Unexpected response from Gnocchi /v1/aggregates: invalid group entry');
      }
      const group = isObject(item.group) ? item.group : {};
      const glabels = groupLabels(group, ctx.groupby);
      for (const s of seriesOfBody(item.measures.measures, item.measures.references)) {
        s.group = group;
        s.labels = { ...glabels, ...s.labels };
        out.push(s);
      }
    }
    return out;
  }
  if (!isObject(body)) {
    throw new Error('Unexpected response from Gnocchi /v1/aggregates');
  }
  return seriesOfBody(body.measures, body.references);
}

export interface SeriesToFramesOptions {
  refId: string;
  /** Label template (`$attr`, `${attr}`); blank → distinct default names. */
  labelTemplate?: string;
  granularity?: number;
  zeroFill?: ZeroFill;
}

/** Series → frames, named by the label template or by `defaultSeriesNames`. */
export function seriesToFrames(series: Series[], opts: SeriesToFramesOptions): DataFrame[] {
  const template = opts.labelTemplate?.trim() ? opts.labelTemplate : undefined;
  const defaults = template ? undefined : defaultSeriesNames(series);
  return series.map((s, i) =>
    measuresToFrame(s.measures, {
      refId: opts.refId,
      name: template ? renderLabel(template, labelVars(s)) : defaults![i],
      labels: s.labels,
      granularity: opts.granularity,
      zeroFill: opts.zeroFill,
      unit: s.unit,
    })
  );
}
