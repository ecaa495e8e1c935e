/**
 * Grafana's annotation support: saved annotations are migrated once (`prepareAnnotation` returns the
 * same object when nothing changes, and Grafana's editor saves the new form when it does), and
 * every annotation target runs as a lifecycle query with the defaults applied.
 */
import type { AnnotationQuery, AnnotationSupport } from '@grafana/data';

import type { GnocchiAnnotationQuery, GnocchiQuery } from '../types';
import { lazyComponent } from '../components/lazyComponent';
import { LIFECYCLE_DEFAULTS } from './lifecycle';

/** The annotation editor loads as a chunk of its own when an annotation is edited. */
const AnnotationQueryEditor = lazyComponent(
  () => import('./AnnotationQueryEditor').then((m) => m.AnnotationQueryEditor),
  'Loading the annotation editor'
);

export const ANNOTATION_REF_ID = 'Anno';

export function isLifecycleQuery(q: { queryType?: string }): boolean {
  return q.queryType === 'lifecycle';
}

/** A stored annotation with its target in today's form (the same object when it already is). */
export function prepareAnnotation(json: AnnotationQuery<GnocchiQuery>): AnnotationQuery<GnocchiQuery> {
  const target = json.target as GnocchiAnnotationQuery | undefined;
  if (target && isLifecycleQuery(target)) {
    return json;
  }
  const legacyQuery = typeof json.query === 'string' && json.query.trim() ? { resource_search: json.query } : {};
  const migrated: GnocchiAnnotationQuery = {
    refId: ANNOTATION_REF_ID,
    ...legacyQuery,
    ...target,
    queryType: 'lifecycle',
  };
  const { query: _query, ...rest } = json;
  return { ...rest, target: migrated as GnocchiQuery };
}

/** The query an annotation runs (defaults for blank fields); undefined = nothing to run. */
export function prepareQuery(anno: AnnotationQuery<GnocchiQuery>): GnocchiQuery | undefined {
  const target = (prepareAnnotation(anno).target ?? {}) as GnocchiAnnotationQuery;
  const q: GnocchiAnnotationQuery = { ...target, queryType: 'lifecycle' };
  for (const [k, v] of Object.entries(LIFECYCLE_DEFAULTS)) {
    const key = k as keyof typeof LIFECYCLE_DEFAULTS;
    if (!q[key]) {
      (q as unknown as Record<string, unknown>)[key] = v;
    }
  }
  return q as GnocchiQuery;
}

export const annotationSupport: AnnotationSupport<GnocchiQuery> = {
  QueryEditor: AnnotationQueryEditor,
  prepareAnnotation,
  prepareQuery,
  getDefaultQuery: () => ({ queryType: 'lifecycle', ...LIFECYCLE_DEFAULTS }) as Partial<GnocchiQuery>,
};
