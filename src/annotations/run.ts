/**
 * Runs a lifecycle annotation query: interpolate, fold the event's time clause (and the active ad hoc
 * filters) into the search, read every page of the matching resources with only the attributes
 * needed, and build the frame of events.
 */
import type { AdHocVariableFilter, DataFrame, ScopedVars } from '@grafana/data';

import type { GnocchiClient } from '../client';
import { parseFilter } from '../gnocchi/filter';
import { pathSegment } from '../gnocchi/path';
import { andIntoSearch, filterClause } from '../query/adhoc';
import { interpolateSearch, interpolateSingle, TemplateSrvLike } from '../query/interpolate';
import type { GnocchiAnnotationQuery, GnocchiResource } from '../types';
import { LIFECYCLE_DEFAULTS, lifecycleClause, lifecycleFrame, neededAttributes, Range } from './lifecycle';

export interface AnnotationContext {
  client: GnocchiClient;
  templateSrv: TemplateSrvLike;
  scopedVars: ScopedVars;
  filters?: AdHocVariableFilter[];
  signal?: AbortSignal;
}

/** The search Gnocchi runs for an annotation query over a range (string or JSON filter text). */
export function lifecycleSearch(q: GnocchiAnnotationQuery, ctx: AnnotationContext, range: Range): string {
  const search = interpolateSearch((q.resource_search ?? '').trim(), ctx.templateSrv, ctx.scopedVars);
  const clauses = [
    lifecycleClause(q.event ?? LIFECYCLE_DEFAULTS.event, range),
    ...(ctx.filters ?? []).map(filterClause),
  ];
  return andIntoSearch(search, clauses);
}

export async function runLifecycle(
  q: GnocchiAnnotationQuery,
  ctx: AnnotationContext,
  range: Range
): Promise<DataFrame> {
  const type = interpolateSingle(
    (q.resource_type ?? '').trim() || LIFECYCLE_DEFAULTS.resource_type,
    'resource type',
    ctx.templateSrv,
    ctx.scopedVars
  );
  const search = parseFilter(lifecycleSearch(q, ctx, range));
  const resources = await ctx.client.listAll<GnocchiResource>(
    'POST',
    `/v1/search/resource/${pathSegment(type, 'resource type')}`,
    {
      params: { ...(search.kind === 'string' ? { filter: search.value } : {}), attrs: neededAttributes(q) },
      body: search.kind === 'json' ? search.value : search.kind === 'empty' ? {} : undefined,
      signal: ctx.signal,
    }
  );
  return lifecycleFrame(resources, q, range);
}
