/**
 * Dashboard-variable interpolation of every templatable field of a query, with a format per
 * field: quoted and escaped values in searches, alternations in metric regexes, several keys in
 * groupby, and a clear error when a single-value field receives several values.
 */
import { escapeRegex, ScopedVars } from '@grafana/data';

import { interpolateJsonSearch, isJsonFilter } from '../gnocchi/filter';
import { interpolateStringSearch } from '../gnocchi/stringSearch';
import type { GnocchiQuery } from '../types';
import { isSavedByOldPlugin } from './defaults';

/** The part of Grafana's TemplateSrv used here. */
export interface TemplateSrvLike {
  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string;
}

type Value = string | string[];

function singleValue(field: string) {
  return (value: Value) => {
    if (Array.isArray(value)) {
      if (value.length > 1) {
        throw new Error(
          `The field "${field}" takes one value, but a variable gives it ${value.length} (${value.join(', ')})`
        );
      }
      return value[0] ?? '';
    }
    return value;
  };
}

/** Multi-value → `(a|b)`, every value regex-escaped (as Grafana's `regex` format). */
function regexFormat(value: Value): string {
  if (Array.isArray(value)) {
    return value.length === 1 ? escapeRegex(value[0]) : `(${value.map(escapeRegex).join('|')})`;
  }
  return escapeRegex(value);
}

function listFormat(value: Value): string {
  return Array.isArray(value) ? value.join(',') : value;
}

/** Label templates: several values are joined, so that `$var` in a label names them all. */
/** 1.7.1 rendered a multi-value variable in a label as its first value. */
function firstValue(value: Value): string {
  return Array.isArray(value) ? (value[0] ?? '') : value;
}

function labelFormat(value: Value): string {
  return Array.isArray(value) ? value.join(', ') : value;
}

export function interpolateQuery(q: GnocchiQuery, srv: TemplateSrvLike, scopedVars: ScopedVars = {}): GnocchiQuery {
  const r = (text: string | undefined, format: string | Function) =>
    text === undefined || text === null ? text : srv.replace(String(text), scopedVars, format);
  const search = (q.resource_search ?? '').trim();
  // metric_name is a regex only in resource_search mode; elsewhere it is one exact name.
  const metricFormat =
    (q.queryMode ?? 'resource_search') === 'resource_search' ? regexFormat : singleValue('metric_name');
  return {
    ...q,
    resource_type: r(q.resource_type, singleValue('resource_type')),
    // Old dashboards quoted variables themselves (`host = "$host"`); values are quoted by the format now.
    resource_search: q.resource_search === undefined ? undefined : interpolateSearch(search, srv, scopedVars),
    resource_id: r(q.resource_id, singleValue('resource_id')),
    metric_id: r(q.metric_id, singleValue('metric_id')),
    metric_name: r(q.metric_name, metricFormat),
    aggregator: r(q.aggregator, singleValue('aggregator')),
    reaggregator: r(q.reaggregator, singleValue('reaggregator')),
    operations: r(q.operations, singleValue('operations')),
    groupby: r(q.groupby, listFormat),
    granularity: r(q.granularity, singleValue('granularity')),
    label: r(q.label, isSavedByOldPlugin(q) ? firstValue : labelFormat),
  };
}

/**
 * A resource search (string or JSON filter) with its variables quoted for Gnocchi. In both syntaxes
 * an old dashboard's quoted reference (`host = "$host"`, `{"=": {"host": "$host"}}`) gives the
 * value as one literal, and no value can change the structure of the search.
 */
export function interpolateSearch(search: string, srv: TemplateSrvLike, scopedVars: ScopedVars = {}): string {
  return isJsonFilter(search)
    ? interpolateJsonSearch(search, (text, format) => srv.replace(text, scopedVars, format))
    : interpolateStringSearch(search, (text, format) => srv.replace(text, scopedVars, format));
}

/** A field that takes one value. */
export function interpolateSingle(text: string, field: string, srv: TemplateSrvLike, scopedVars: ScopedVars = {}) {
  return srv.replace(text, scopedVars, singleValue(field));
}
