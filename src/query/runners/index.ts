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
import { aggregates, send } from './send';
import type { ModeRunner, RunContext } from './types';

const dynamicAggregates: ModeRunner = {
  ready: (q) => text(q.operations) !== '',
  async run(q, ctx) {
    const req = dynamicAggregatesRequest(q, ctx.window);
    const { series, notice } = await aggregates(ctx, req, groupbyList(q.groupby));
    return { series, notice, requests: [req], zeroFill: false };
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
): Promise<{ names: string[]; notice?: string }> {
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
  return { names, notice };
}

const resourceAggregation: ModeRunner = {
  ready: (q) => text(q.metric_name) !== '',
  async run(q, ctx) {
    const requests: GnocchiRequest[] = [];
    const groupby = groupbyList(q.groupby);
    // 1.7.1 sent the name as is with a group by (legacy endpoint), and matched it unanchored without.
    const { names, notice } = await metricNamesOf(q, ctx, requests, isSavedByOldPlugin(q) && !groupby.length);
    if (!names.length) {
      return { series: [], requests, zeroFill: false, notice };
    }
    const req = resourceAggregationRequest(q, ctx.window, names);
    requests.push(req);
    const out = await aggregates(ctx, req, groupby);
    return { ...out, requests, zeroFill: false };
  },
};

const resourceSearch: ModeRunner = {
  ready: (q) => text(q.metric_name) !== '',
  async run(q, ctx) {
    const requests: GnocchiRequest[] = [];
    const { names, notice } = await metricNamesOf(q, ctx, requests, isSavedByOldPlugin(q));
    if (!names.length) {
      return { series: [], requests, zeroFill: true, notice };
    }
    const req = resourceSeriesRequest(q, ctx.window, names);
    requests.push(req);
    const out = await aggregates(ctx, req, []);
    return { ...out, requests, zeroFill: true };
  },
};

const resource: ModeRunner = {
  ready: (q) => text(q.resource_id) !== '' && text(q.metric_name) !== '',
  async run(q, ctx) {
    const req = resourceMetricRequest(q, ctx.window);
    const { series, notice } = await aggregates(ctx, req, []);
    return { series, notice, requests: [req], zeroFill: true };
  },
};

const metric: ModeRunner = {
  ready: (q) => text(q.metric_id) !== '',
  async run(q, ctx) {
    const req = metricMeasuresRequest(q, ctx.window);
    // A label with the metric's name, type or resource attributes needs the metric's document (as 1.7.1 read it).
    const docReq = labelNeedsMetricDocument(q.label) ? metricRequest(q) : undefined;
    const [body, doc] = await Promise.all([
      send<unknown>(ctx, req),
      docReq ? send<GnocchiMetric & { resource?: GnocchiResource }>(ctx, docReq) : undefined,
    ]);
    const measures: Measure[] = measuresOf(body);
    const id = text(q.metric_id);
    const aggregation = fieldValue(q, 'aggregator');
    const name = typeof doc?.name === 'string' ? doc.name : id;
    const s: Series = { measures, labels: { metric: name, metric_id: id, aggregation }, metric: name, aggregation };
    if (doc?.resource && typeof doc.resource === 'object') {
      s.resource = doc.resource;
    }
    if (doc?.unit) {
      s.unit = doc.unit;
    }
    return { series: [s], requests: docReq ? [req, docReq] : [req], zeroFill: true };
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
