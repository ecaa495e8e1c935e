/**
 * Sending a built request, and Gnocchi's "no metric matched the search" as an empty result.
 */
import { bodyParserFor } from '../../gnocchi/reader';
import { aggregatesToSeries, Series } from '../../gnocchi/series';
import { RequestError } from '../../http/errors';
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

function metricNamesOf(operations: unknown, out: Set<string>) {
  if (typeof operations === 'string') {
    const unquote = (n: string) => n.replace(/^["']|["']$/g, '');
    // (metric <name> <agg>)
    for (const m of operations.matchAll(/\(\s*metric\s+([^()\s]+)\s+[^()\s]+\s*\)/g)) {
      out.add(unquote(m[1]));
    }
    // (metric (<name> <agg>) (<name> <agg>) ...)
    for (const m of operations.matchAll(/\(\s*metric((?:\s*\(\s*[^()\s]+\s+[^()\s]+\s*\))+)\s*\)/g)) {
      for (const r of m[1].matchAll(/\(\s*([^()\s]+)\s+[^()\s]+\s*\)/g)) {
        out.add(unquote(r[1]));
      }
    }
  } else if (Array.isArray(operations)) {
    if (operations[0] === 'metric') {
      for (const ref of operations.slice(1)) {
        if (Array.isArray(ref) && typeof ref[0] === 'string') {
          out.add(ref[0]);
        } else if (typeof ref === 'string' && operations.length === 3) {
          out.add(ref);
          break;
        }
      }
    } else {
      operations.forEach((o) => metricNamesOf(o, out));
    }
  }
}

function noMetricNotice(req: GnocchiRequest): string {
  const body = req.body as { operations?: unknown; resource_type?: string };
  const names = new Set<string>();
  metricNamesOf(body.operations, names);
  const list = [...names].join(', ');
  return `No resource of type "${body.resource_type ?? 'generic'}" matching the search has the metric${
    names.size > 1 ? 's' : ''
  } ${list || 'asked for'} (Gnocchi: no metric matched)`;
}
