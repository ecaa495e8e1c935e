/**
 * One runner per query mode: what the mode needs before it sends anything (`ready`), and the
 * Gnocchi requests it sends (`run`: requests out, series in). Requests per panel: 1 in every mode,
 * 2 in `resource_search` with a metric regex (find the names, then one /v1/aggregates call).
 */
import type { GnocchiQuery, GnocchiResource, Measure, QueryMode } from '../../types';
import { fieldValue, text } from '../defaults';
import {
  dynamicAggregatesRequest,
  groupbyList,
  isRegex,
  matchingMetricNames,
  metricMeasuresRequest,
  resourceAggregationRequest,
  resourceMetricRequest,
  resourceSearchRequest,
  resourceSeriesRequest,
} from '../requests';
import { measuresOf, Series } from '../../gnocchi/series';
import { aggregates, send } from './send';
import type { ModeRunner } from './types';

const dynamicAggregates: ModeRunner = {
  ready: (q) => text(q.operations) !== '',
  async run(q, ctx) {
    const req = dynamicAggregatesRequest(q, ctx.window);
    const { series, notice } = await aggregates(ctx, req, groupbyList(q.groupby));
    return { series, notice, requests: [req], zeroFill: false };
  },
};

const resourceAggregation: ModeRunner = {
  ready: (q) => text(q.metric_name) !== '',
  async run(q, ctx) {
    const req = resourceAggregationRequest(q, ctx.window);
    const { series, notice } = await aggregates(ctx, req, groupbyList(q.groupby));
    return { series, notice, requests: [req], zeroFill: false };
  },
};

const resourceSearch: ModeRunner = {
  ready: (q) => text(q.metric_name) !== '',
  async run(q, ctx) {
    const name = text(q.metric_name);
    const requests = [];
    let names = [name];
    if (isRegex(name)) {
      const search = resourceSearchRequest(q);
      requests.push(search);
      const resources = await ctx.client.listAll<GnocchiResource>(search.method, search.path, {
        params: search.params,
        body: search.body,
        signal: ctx.signal,
      });
      names = matchingMetricNames(resources, name);
      if (names.length === 0) {
        const notice = `No metric name of the ${resources.length} matching resources matches /${name}/`;
        return { series: [], requests, zeroFill: true, notice };
      }
    }
    const req = resourceSeriesRequest(q, ctx.window, names);
    requests.push(req);
    const { series, notice } = await aggregates(ctx, req, []);
    return { series, notice, requests, zeroFill: true };
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
    const measures: Measure[] = measuresOf(await send<unknown>(ctx, req));
    const id = text(q.metric_id);
    const aggregation = fieldValue(q, 'aggregator');
    const series: Series[] = [
      { measures, labels: { metric: id, metric_id: id, aggregation }, metric: id, aggregation },
    ];
    return { series, requests: [req], zeroFill: true };
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
