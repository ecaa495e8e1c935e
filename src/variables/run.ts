/**
 * Runs a template-variable query: parse, interpolate its fields (searches quoted for Gnocchi),
 * then read every page of the search (or the resource's metric names).
 */
import type { MetricFindValue, ScopedVars } from '@grafana/data';

import type { GnocchiClient } from '../client';
import { parseFilter } from '../gnocchi/filter';
import { pathSegment } from '../gnocchi/path';
import { interpolateSearch, interpolateSingle, TemplateSrvLike } from '../query/interpolate';
import type { GnocchiResource } from '../types';
import { isVariableFunction, parseVariableQuery, resourcesToValues, VariableQuery } from './query';

/** Run an (already interpolated) variable query. */
export async function runVariableQuery(client: GnocchiClient, q: VariableQuery): Promise<MetricFindValue[]> {
  if (q.kind === 'metrics') {
    const r = await client.request<GnocchiResource>(
      'GET',
      `/v1/resource/generic/${pathSegment(q.resourceId, 'resource id')}`
    );
    return Object.keys(r.metrics ?? {})
      .sort()
      .map((name) => ({ text: name, value: name }));
  }
  const search = parseFilter(q.search);
  const path = `/v1/search/resource/${pathSegment(q.resourceType || 'generic', 'resource type')}`;
  const resources = await client.listAll<GnocchiResource>('POST', path, {
    params: search.kind === 'string' ? { filter: search.value } : {},
    body: search.kind === 'json' ? search.value : search.kind === 'empty' ? {} : undefined,
  });
  return resourcesToValues(resources, q.display, q.valueAttr);
}

/** A variable query string (interpolated here) → its values. */
export function variableValues(
  client: GnocchiClient,
  text: string,
  templateSrv: TemplateSrvLike,
  scopedVars: ScopedVars
): Promise<MetricFindValue[]> {
  if (!isVariableFunction(text)) {
    return Promise.resolve([]); // an unknown function (e.g. `not_existing(...)`): no values, nothing sent
  }
  const q = parseVariableQuery(text);
  if (q.kind === 'metrics') {
    return runVariableQuery(client, {
      ...q,
      resourceId: interpolateSingle(q.resourceId, 'resource id', templateSrv, scopedVars),
    });
  }
  return runVariableQuery(client, {
    ...q,
    resourceType: interpolateSingle(q.resourceType, 'resource type', templateSrv, scopedVars),
    search: interpolateSearch(q.search, templateSrv, scopedVars),
  });
}
