/**
 * Sending a built request, and Gnocchi's "no metric matched the search" as an empty result.
 */
import { bodyParserFor } from '../../gnocchi/reader';
import { aggregatesToSeries, Series } from '../../gnocchi/series';
import { RequestError } from '../../http/errors';
import { metricRefsOf } from '../../language/operations';
import type { GnocchiRequest } from '../requests';
import type { RunContext } from './types';

export async function send<T>(ctx: RunContext, req: GnocchiRequest): Promise<T> {
  const parse = bodyParserFor(req.path); // measures read straight into columns (gnocchi/reader)
  return ctx.client.request<T>(req.method, req.path, { params: req.params, body: req.body, signal: ctx.signal, parse });
}

/**
 * "No metric matched the search" is an empty result, not an error: Gnocchi 4.4 answers 400
 * `Metrics not found`, 4.5+ answers 404 (only for searches: a 404 elsewhere is an error).
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
    return !/Unknown metrics|unknown aggregation|Resource type|no Gnocchi API/i.test(e.message);
  }
  return false;
}

/** A /v1/aggregates request → series; "no metric matched" → no series and a notice naming the metrics. */
export async function aggregates(
  ctx: RunContext,
  req: GnocchiRequest,
  groupby: string[]
): Promise<{ series: Series[]; notice?: string }> {
  try {
    return { series: aggregatesToSeries(await send<unknown>(ctx, req), { groupby }) };
  } catch (e) {
    if (isNoMetricsMatched(e, req)) {
      return { series: [], notice: noMetricNotice(req) };
    }
    throw e;
  }
}

/** Metric names the operations of a request reference (string form, or JSON lists as built or parsed). */
function metricNamesOf(operations: unknown): Set<string> {
  const text = typeof operations === 'string' ? operations : JSON.stringify(operations ?? null);
  return new Set(metricRefsOf(text).map((r) => r.metric));
}

function noMetricNotice(req: GnocchiRequest): string {
  const body = req.body as { operations?: unknown; resource_type?: string };
  const names = metricNamesOf(body.operations);
  const list = [...names].join(', ');
  return `No resource of type "${body.resource_type ?? 'generic'}" matching the search has the metric${
    names.size > 1 ? 's' : ''
  } ${list || 'asked for'} (Gnocchi: no metric matched)`;
}
