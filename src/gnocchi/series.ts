/**
 * The series model and Gnocchi response bodies → series (no Grafana types here): the measures of
 * `GET /v1/metric/<id>/measures` and every shape of `POST /v1/aggregates`.
 */
import type { GnocchiMetric, GnocchiResource, Measure } from '../types';
import { groupLabels, resourceLabels } from './attributes';
import { columnsOf, MeasureColumns } from './reader/tagged';

/** One time series of a response, before naming. */
export interface Series {
  /** The points; an empty list tagged with `columns` when the reader pre-parsed them (reader/tagged.ts). */
  measures: Measure[];
  /** The points as columns, when the reader (gnocchi/reader) read the response: `columnsOf(measures)`. */
  columns?: MeasureColumns;
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
  return order.map((i) => withColumns(out[i]));
}

/** Makes pre-parsed points visible on the series (they travel tagged on `measures` anyway). */
function withColumns(s: Series): Series {
  const columns = columnsOf(s.measures);
  if (columns) {
    s.columns = columns;
  }
  return s;
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
