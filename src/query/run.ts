/**
 * Runs one (interpolated) query against Gnocchi and turns the answer into data frames.
 */
import { DataFrame } from '@grafana/data';

import type { GnocchiClient } from '../client';
import { chooseGranularity } from '../gnocchi/granularity';
import { aggregatesToSeries, measuresOf, Series, seriesToFrames } from '../gnocchi/frames';
import { RequestError } from '../http/errors';
import type { GnocchiQuery, GnocchiResource, Measure } from '../types';
import {
  dynamicAggregatesRequest,
  GnocchiRequest,
  groupbyList,
  isRegex,
  matchingMetricNames,
  metricMeasuresRequest,
  resourceAggregationRequest,
  resourceMetricRequest,
  resourceSearchRequest,
  resourceSeriesRequest,
  TimeWindow,
} from './requests';

export interface RunOptions {
  /** Grafana's interval for the panel (range / max data points). */
  intervalMs: number;
  signal?: AbortSignal;
}

/**
 * "No metric matched the search" is an empty result, not an error: Gnocchi 4.4 answers 400
 * `Metrics not found`, 4.5+ answers 404.
 */
export function isNoMetricsMatched(e: unknown, req: GnocchiRequest): boolean {
  if (!(e instanceof RequestError) || e.service !== 'Gnocchi' || req.path !== '/v1/aggregates') {
    return false;
  }
  const body = req.body as { search?: unknown } | undefined;
  if (!body || body.search === undefined) {
    return false;
  }
  if (e.status === 400) {
    return /Metrics not found/i.test(e.message);
  }
  if (e.status === 404) {
    return !/Unknown metrics|unknown aggregation|Resource type/i.test(e.message);
  }
  return false;
}

async function send<T>(client: GnocchiClient, req: GnocchiRequest, signal?: AbortSignal): Promise<T> {
  return client.request<T>(req.method, req.path, { params: req.params, body: req.body, signal });
}

async function aggregates(client: GnocchiClient, req: GnocchiRequest, groupby: string[], signal?: AbortSignal) {
  try {
    const body = await send<unknown>(client, req, signal);
    return aggregatesToSeries(body, { groupby });
  } catch (e) {
    if (isNoMetricsMatched(e, req)) {
      return [];
    }
    throw e;
  }
}

/** Granularities (seconds) present in the series. */
function granularitiesOf(series: Series[]): number[] {
  const seen = new Set<number>();
  for (const s of series) {
    let last: unknown = undefined;
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

function frames(series: Series[], q: GnocchiQuery, w: TimeWindow, opts: RunOptions, zeroFill: boolean): DataFrame[] {
  const explicit = q.granularity && q.granularity.trim() ? Number(q.granularity) : undefined;
  // Automatic: Gnocchi returned every granularity of the archive policy; see granularity.ts.
  const granularity = explicit ?? chooseGranularity(granularitiesOf(series), opts.intervalMs, w.toMs - w.fromMs);
  return seriesToFrames(series, {
    refId: q.refId,
    labelTemplate: q.label,
    granularity,
    zeroFill: zeroFill ? { fromMs: w.fromMs, toMs: w.toMs } : undefined,
  });
}

export async function runQuery(
  client: GnocchiClient,
  q: GnocchiQuery,
  w: TimeWindow,
  opts: RunOptions
): Promise<DataFrame[]> {
  const zero = q.draw_missing_datapoint_as_zero === true;
  switch (q.queryMode ?? 'resource_search') {
    case 'dynamic_aggregates': {
      const req = dynamicAggregatesRequest(q, w);
      return frames(await aggregates(client, req, groupbyList(q.groupby), opts.signal), q, w, opts, false);
    }
    case 'resource_aggregation': {
      const req = resourceAggregationRequest(q, w);
      return frames(await aggregates(client, req, groupbyList(q.groupby), opts.signal), q, w, opts, false);
    }
    case 'resource_search': {
      const name = (q.metric_name ?? '').trim();
      let names: string[];
      if (!name) {
        throw new Error('Set "metric_name" (a metric name or a regular expression) for a resource search query');
      } else if (isRegex(name)) {
        const search = resourceSearchRequest(q);
        const resources = await client.listAll<GnocchiResource>(search.method, search.path, {
          params: search.params,
          body: search.body,
          signal: opts.signal,
        });
        names = matchingMetricNames(resources, name);
        if (names.length === 0) {
          return [];
        }
      } else {
        names = [name];
      }
      const req = resourceSeriesRequest(q, w, names);
      return frames(await aggregates(client, req, [], opts.signal), q, w, opts, zero);
    }
    case 'resource': {
      const req = resourceMetricRequest(q, w);
      return frames(await aggregates(client, req, [], opts.signal), q, w, opts, zero);
    }
    case 'metric': {
      const req = metricMeasuresRequest(q, w);
      const measures: Measure[] = measuresOf(await send<unknown>(client, req, opts.signal));
      const id = (q.metric_id ?? '').trim();
      const aggregation = (q.aggregator || 'mean').trim();
      const series: Series[] = [
        { measures, labels: { metric: id, metric_id: id, aggregation }, metric: id, aggregation },
      ];
      return frames(series, q, w, opts, zero);
    }
    default:
      throw new Error(`Unknown query mode "${String(q.queryMode)}"`);
  }
}
