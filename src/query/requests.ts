/**
 * Pure request builders: an (interpolated) query and a time range → the Gnocchi requests.
 * Requests per panel: 1 in every mode, 2 in `resource_search` when the metric name is a regex
 * (one search to find the matching metric names, then one /v1/aggregates call for all resources).
 */
import { buildQueryString, Params } from '../http/queryString';
import { ParsedFilter, parseFilter } from '../gnocchi/filter';
import { pathSegment } from '../gnocchi/path';
import { toGnocchiTime } from '../gnocchi/time';
import { metricRefsOf } from '../language/operations';
import type { GnocchiQuery, GnocchiResource } from '../types';
import { fieldValue } from './defaults';

export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

export interface GnocchiRequest {
  method: 'GET' | 'POST';
  path: string;
  params: Params;
  body?: unknown;
}

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID_RE.test(s.trim());
}

/** The `search` of a /v1/aggregates body: Gnocchi accepts the JSON object or the string filter. */
function aggregatesSearch(s: ParsedFilter): object | string {
  return s.kind === 'json' ? s.value : s.kind === 'string' ? s.value : {};
}

export function timeParams(w: TimeWindow, granularity?: string): Params {
  const p: Params = { start: toGnocchiTime(w.fromMs), stop: toGnocchiTime(w.toMs) };
  if (granularity && granularity.trim()) {
    const g = Number(granularity.trim());
    if (!Number.isFinite(g) || g <= 0) {
      throw new Error(`Granularity must be a number of seconds, got "${granularity}"`);
    }
    p.granularity = g;
  }
  return p;
}

export function groupbyList(groupby: string | undefined): string[] {
  return (groupby ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter(Boolean);
}

function overlapAndFill(q: GnocchiQuery): Params {
  const p: Params = {};
  const fill = q.fill === undefined || q.fill === null ? '' : String(q.fill).trim();
  if (fill !== '') {
    p.fill = fill;
  }
  const overlap = q.needed_overlap === undefined || q.needed_overlap === null ? '' : String(q.needed_overlap).trim();
  if (overlap !== '' && Number(overlap) !== 0) {
    p.needed_overlap = overlap;
  } else if (fill === '' && overlap !== '') {
    // needed_overlap=0 without fill: Gnocchi would keep NaN points; dropna keeps the default behaviour.
    p.fill = 'dropna';
  }
  return p;
}

function requireField(value: string | undefined, field: string, mode: string): string {
  const v = (value ?? '').trim();
  if (!v) {
    throw new Error(`Set "${field}" for a ${mode} query`);
  }
  return v;
}

/** Does an operations string/JSON reference metrics by id (metric-ID mode) rather than by name? */
export function referencesMetricIds(operations: string): boolean {
  const refs = metricRefsOf(operations);
  return refs.length > 0 && refs.every((r) => isUuid(r.metric));
}

function operationsBody(operations: string): unknown {
  const t = operations.trim();
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch (e) {
      throw new Error(`Invalid JSON in operations: ${(e as Error).message}`);
    }
  }
  return t;
}

/** `dynamic_aggregates`: one POST /v1/aggregates. */
export function dynamicAggregatesRequest(q: GnocchiQuery, w: TimeWindow): GnocchiRequest {
  const operations = requireField(q.operations, 'operations', 'dynamic aggregates');
  const groupby = groupbyList(q.groupby);
  const search = parseFilter(q.resource_search);
  const body: Record<string, unknown> = { operations: operationsBody(operations) };
  // Search mode (metric names, resources of a type) unless the operations reference metric ids only
  // and there is neither a search nor a groupby (metric-ID mode, as the old plugin did).
  if (search.kind !== 'empty' || groupby.length > 0 || !referencesMetricIds(operations)) {
    body.resource_type = fieldValue(q, 'resource_type');
    body.search = aggregatesSearch(search);
  }
  return {
    method: 'POST',
    path: '/v1/aggregates',
    params: { details: 'true', ...timeParams(w, q.granularity), ...overlapAndFill(q), groupby },
    body,
  };
}

/** Is a metric_name a regular expression rather than a plain name? */
export function isRegex(name: string): boolean {
  return /[\\^$*+?()[\]{}|]/.test(name);
}

function resourcePath(type: string): string {
  return `/v1/search/resource/${pathSegment(type, 'resource type')}`;
}

/** Step 1 of `resource_search` with a regex: the matching resources (with their metrics maps). */
export function resourceSearchRequest(q: GnocchiQuery): GnocchiRequest {
  const search = parseFilter(q.resource_search);
  if (search.kind === 'string') {
    return { method: 'POST', path: resourcePath(fieldValue(q, 'resource_type')), params: { filter: search.value } };
  }
  return {
    method: 'POST',
    path: resourcePath(fieldValue(q, 'resource_type')),
    params: {},
    body: search.kind === 'json' ? search.value : {},
  };
}

/** Metric names of `resources` matching `regex` (unanchored, as the old plugin). */
export function matchingMetricNames(resources: GnocchiResource[], regex: string): string[] {
  let re: RegExp;
  try {
    re = new RegExp(regex);
  } catch (e) {
    throw new Error(`Invalid metric regex "${regex}": ${(e as Error).message}`);
  }
  const names = new Set<string>();
  for (const r of resources) {
    for (const name of Object.keys(r.metrics ?? {})) {
      if (re.test(name)) {
        names.add(name);
      }
    }
  }
  return [...names].sort();
}

/** `resource_search` (step 2) : every (resource, metric) series in one /v1/aggregates call. */
export function resourceSeriesRequest(q: GnocchiQuery, w: TimeWindow, metricNames: string[]): GnocchiRequest {
  const aggregator = fieldValue(q, 'aggregator');
  const operations = ['metric', ...metricNames.map((n) => [n, aggregator])];
  return {
    method: 'POST',
    path: '/v1/aggregates',
    params: { details: 'true', ...timeParams(w, q.granularity) },
    body: {
      operations,
      resource_type: fieldValue(q, 'resource_type'),
      search: aggregatesSearch(parseFilter(q.resource_search)),
    },
  };
}

/**
 * `resource_aggregation`: the metric of all matching resources aggregated (per group). With
 * `metricNames` (the names a regex matched), every one of them on every resource, aggregated together.
 */
export function resourceAggregationRequest(q: GnocchiQuery, w: TimeWindow, metricNames?: string[]): GnocchiRequest {
  const metric = requireField(q.metric_name, 'metric_name', 'resource aggregation');
  const aggregator = fieldValue(q, 'aggregator');
  const re = fieldValue(q, 'reaggregator');
  // `none` (1.x): no reaggregation parameter, so Gnocchi's legacy endpoint reaggregated with the
  // aggregation method itself (max of the max, not mean of the max).
  const reaggregation = re === 'none' ? aggregator : re;
  const metrics =
    metricNames && metricNames.length && !(metricNames.length === 1 && metricNames[0] === metric)
      ? ['metric', ...metricNames.map((n) => [n, aggregator])]
      : ['metric', metric, aggregator];
  return {
    method: 'POST',
    path: '/v1/aggregates',
    params: { details: 'true', ...timeParams(w, q.granularity), ...overlapAndFill(q), groupby: groupbyList(q.groupby) },
    body: {
      operations: ['aggregate', reaggregation, metrics],
      resource_type: fieldValue(q, 'resource_type'),
      search: aggregatesSearch(parseFilter(q.resource_search)),
    },
  };
}

/**
 * `resource` (resource id + metric name): a /v1/aggregates search on that one resource, so that
 * the resource's attributes come back for labels in the same request.
 */
export function resourceMetricRequest(q: GnocchiQuery, w: TimeWindow): GnocchiRequest {
  const id = requireField(q.resource_id, 'resource_id', 'resource');
  const metric = requireField(q.metric_name, 'metric_name', 'resource');
  const aggregator = fieldValue(q, 'aggregator');
  const search = isUuid(id) ? { '=': { id } } : { '=': { original_resource_id: id } };
  return {
    method: 'POST',
    path: '/v1/aggregates',
    params: { details: 'true', ...timeParams(w, q.granularity) },
    body: { operations: ['metric', metric, aggregator], resource_type: fieldValue(q, 'resource_type'), search },
  };
}

/**
 * `metric` (metric id): GET /v1/metric/<id>/measures. (Gnocchi 4.4 answers 403 to non-admin
 * users for /v1/aggregates by metric id; the measures endpoint checks access correctly.)
 */
export function metricMeasuresRequest(q: GnocchiQuery, w: TimeWindow): GnocchiRequest {
  const id = requireField(q.metric_id, 'metric_id', 'metric');
  return {
    method: 'GET',
    path: `/v1/metric/${pathSegment(id, 'metric id')}/measures`,
    params: { aggregation: fieldValue(q, 'aggregator'), ...timeParams(w, q.granularity) },
  };
}

/** The text of a request as the Query inspector shows it: method, path and query string, then the body. */
export function describeRequest(req: GnocchiRequest): string {
  const line = `${req.method} ${req.path}${buildQueryString(req.params)}`;
  if (req.body === undefined) {
    return line;
  }
  return `${line}\n${typeof req.body === 'string' ? req.body : JSON.stringify(req.body)}`;
}

/** `metric` mode's label: the metric's own document (name, unit, its resource). */
export function metricRequest(q: GnocchiQuery): GnocchiRequest {
  const id = requireField(q.metric_id, 'metric_id', 'metric');
  return { method: 'GET', path: `/v1/metric/${pathSegment(id, 'metric id')}`, params: {} };
}
