/**
 * One runner per query mode: what the mode needs before it sends anything (`ready`), and the
 * Gnocchi requests it sends (`run`: requests out, series in). Requests per panel: 1 in every mode,
 * 2 in `resource_search` with a metric regex (find the names, then one /v1/aggregates call).
 */
import type { GnocchiMetric, GnocchiQuery, GnocchiResource, Measure, QueryMode } from '../../types';
import { labelNeedsMetricDocument } from '../naming';
import { fieldValue, isSavedByOldPlugin, text } from '../defaults';
import {
  dynamicAggregatesRequest,
  GnocchiRequest,
  groupbyList,
  isRegex,
  matchingMetricNames,
  metricMeasuresRequest,
  metricRequest,
  resourceAggregationRequest,
  resourceMetricRequest,
  resourceSearchRequest,
  resourceSeriesRequest,
} from '../requests';
import { measuresOf, Series } from '../../gnocchi/series';
import { Archive, archivesOf } from '../../gnocchi/plan';
import { metricRefsOf } from '../../language/operations';
import {
  archivesForFoundNames,
  archivesForIds,
  archivesForNames,
  planOf,
  resampleMethod,
  resampleOperations,
  sendPlanned,
  withGranularity,
} from '../granularityPlan';
import { aggregates, send } from './send';
import type { ModeRunner, RunContext } from './types';

/**
 * A /v1/aggregates request with the granularity the panel draws (explicit `granularity`: as built),
 * resampled by Gnocchi with `method` when the plan says so; `wrap` puts the resample in the operations.
 */
async function planned(
  ctx: RunContext,
  plain: GnocchiRequest,
  archives: () => Promise<Archive[] | undefined>,
  method: string | undefined,
  wrap: (ops: unknown, method: string, seconds: number) => unknown = (ops, m, sec) => resampleOperations(ops, m, sec)
): Promise<GnocchiRequest> {
  if (!ctx.draw) {
    return plain;
  }
  const plan = planOf(ctx.draw, await archives(), method !== undefined);
  const req = withGranularity(plain, plan);
  if (!plan?.resample || !method) {
    return req;
  }
  const body = plain.body as { operations: unknown };
  return { ...req, body: { ...body, operations: wrap(body.operations, method, plan.resample) } };
}

/** Operations resampled as a whole only when every metric is read with one of mean/min/max and nothing else depends on the step. */
function operationsResampleMethod(operations: string): string | undefined {
  const refs = metricRefsOf(operations);
  const aggs = new Set(refs.map((r) => r.aggregation));
  const [agg] = [...aggs];
  if (aggs.size !== 1 || !['mean', 'min', 'max'].includes(agg) || /resample|rolling|rateofchange/.test(operations)) {
    return undefined;
  }
  return agg;
}

const dynamicAggregates: ModeRunner = {
  ready: (q) => text(q.operations) !== '',
  async run(q, ctx) {
    const plain = dynamicAggregatesRequest(q, ctx.window);
    const operations = text(q.operations);
    const refs = metricRefsOf(operations).map((r) => r.metric);
    const bySearch = (plain.body as { resource_type?: string }).resource_type !== undefined;
    const req = await planned(
      ctx,
      plain,
      () => (bySearch ? archivesForNames(ctx.draw!.lookups, refs) : archivesForIds(ctx.draw!.lookups, refs)),
      operationsResampleMethod(operations)
    );
    const requests: GnocchiRequest[] = [];
    const { series, notice } = await sendPlanned(req, plain, requests, (r) =>
      aggregates(ctx, r, groupbyList(q.groupby))
    );
    return { series, notice, requests, zeroFill: false };
  },
};

/**
 * The metric names a `metric_name` stands for: itself, or — for a regex, and for every name of a
 * query saved by 1.x, which matched names unanchored (`cpu` also took `vcpus`) — the names of the
 * matching resources' metrics that it matches (one search request, every page).
 */
async function metricNamesOf(
  q: GnocchiQuery,
  ctx: RunContext,
  requests: GnocchiRequest[],
  unanchored: boolean
): Promise<{ names: string[]; notice?: string; resources?: GnocchiResource[] }> {
  const name = text(q.metric_name);
  if (!isRegex(name) && !unanchored) {
    return { names: [name] };
  }
  const search = resourceSearchRequest(q);
  requests.push(search);
  const resources = await ctx.client.listAll<GnocchiResource>(search.method, search.path, {
    params: search.params,
    body: search.body,
    signal: ctx.signal,
  });
  const names = matchingMetricNames(resources, name);
  const notice = names.length
    ? undefined
    : `No metric name of the ${resources.length} matching resources matches /${name}/`;
  return { names, notice, resources };
}

/** The archives of the metrics a resource-search panel reads (names it found on `resources`, or the plain name). */
function namesArchives(ctx: RunContext, q: GnocchiQuery, names: string[], resources?: GnocchiResource[]) {
  return () =>
    resources
      ? archivesForFoundNames(ctx.draw!.lookups, fieldValue(q, 'resource_type'), resources, names)
      : archivesForNames(ctx.draw!.lookups, names);
}

const resourceAggregation: ModeRunner = {
  ready: (q) => text(q.metric_name) !== '',
  async run(q, ctx) {
    const requests: GnocchiRequest[] = [];
    const groupby = groupbyList(q.groupby);
    // 1.7.1 sent the name as is with a group by (legacy endpoint), and matched it unanchored without.
    const found = await metricNamesOf(q, ctx, requests, isSavedByOldPlugin(q) && !groupby.length);
    const { names, notice } = found;
    if (!names.length) {
      return { series: [], requests, zeroFill: false, notice };
    }
    const plain = resourceAggregationRequest(q, ctx.window, names);
    // resampled inside the cross-resource aggregation: each metric with its own aggregation's method
    const req = await planned(
      ctx,
      plain,
      namesArchives(ctx, q, names, found.resources),
      resampleMethod(fieldValue(q, 'aggregator')),
      (ops, m, sec) => {
        const [op, how, metrics] = ops as [string, string, unknown];
        return [op, how, resampleOperations(metrics, m, sec)];
      }
    );
    const out = await sendPlanned(req, plain, requests, (r) => aggregates(ctx, r, groupby));
    return { ...out, requests, zeroFill: false };
  },
};

const resourceSearch: ModeRunner = {
  ready: (q) => text(q.metric_name) !== '',
  async run(q, ctx) {
    const requests: GnocchiRequest[] = [];
    const found = await metricNamesOf(q, ctx, requests, isSavedByOldPlugin(q));
    const { names, notice } = found;
    if (!names.length) {
      return { series: [], requests, zeroFill: true, notice };
    }
    const plain = resourceSeriesRequest(q, ctx.window, names);
    const method = resampleMethod(fieldValue(q, 'aggregator'));
    const req = await planned(ctx, plain, namesArchives(ctx, q, names, found.resources), method);
    const out = await sendPlanned(req, plain, requests, (r) => aggregates(ctx, r, []));
    return { ...out, requests, zeroFill: true };
  },
};

const resource: ModeRunner = {
  ready: (q) => text(q.resource_id) !== '' && text(q.metric_name) !== '',
  async run(q, ctx) {
    const plain = resourceMetricRequest(q, ctx.window);
    const method = resampleMethod(fieldValue(q, 'aggregator'));
    const req = await planned(ctx, plain, namesArchives(ctx, q, [text(q.metric_name)]), method);
    const requests: GnocchiRequest[] = [];
    const { series, notice } = await sendPlanned(req, plain, requests, (r) => aggregates(ctx, r, []));
    return { series, notice, requests, zeroFill: true };
  },
};

const metric: ModeRunner = {
  ready: (q) => text(q.metric_id) !== '',
  async run(q, ctx) {
    const plain = metricMeasuresRequest(q, ctx.window);
    const id = text(q.metric_id);
    // A label with the metric's name, type or resource attributes needs the metric's document (as 1.7.1
    // read it); it carries the archive policy too, so it is read first.
    const docReq = labelNeedsMetricDocument(q.label) ? metricRequest(q) : undefined;
    const doc = docReq ? await send<GnocchiMetric & { resource?: GnocchiResource }>(ctx, docReq) : undefined;
    let req = plain;
    if (ctx.draw) {
      const archives = doc
        ? doc.archive_policy && archivesOf(doc.archive_policy)
        : await archivesForIds(ctx.draw.lookups, [id]);
      // the measures endpoint resamples with the aggregation itself: only where that re-aggregates
      const canResample = ['mean', 'min', 'max', 'sum'].includes(fieldValue(q, 'aggregator'));
      req = withGranularity(plain, planOf(ctx.draw, archives, canResample), true);
    }
    const requests: GnocchiRequest[] = docReq ? [docReq] : [];
    const body = await sendPlanned(req, plain, requests, (r) => send<unknown>(ctx, r));
    const measures: Measure[] = measuresOf(body);
    const aggregation = fieldValue(q, 'aggregator');
    const name = typeof doc?.name === 'string' ? doc.name : id;
    const s: Series = { measures, labels: { metric: name, metric_id: id, aggregation }, metric: name, aggregation };
    if (doc?.resource && typeof doc.resource === 'object') {
      s.resource = doc.resource;
    }
    if (doc?.unit) {
      s.unit = doc.unit;
    }
    return { series: [s], requests, zeroFill: true };
  },
};

export const RUNNERS: Record<QueryMode, ModeRunner> = {
  dynamic_aggregates: dynamicAggregates,
  resource_search: resourceSearch,
  resource_aggregation: resourceAggregation,
  resource,
  metric,
};

/** The runner of a migrated query (its mode is known after `migrateQuery`). */
export function runnerOf(q: GnocchiQuery): ModeRunner {
  const runner = q.queryMode ? RUNNERS[q.queryMode] : undefined;
  if (!runner) {
    throw new Error(`Unknown query mode "${String(q.queryMode)}"`);
  }
  return runner;
}
