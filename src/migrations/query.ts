/**
 * Saved queries → today's query, as named, pure steps. A step returns its input unchanged (the same
 * object) when it has nothing to do, so `migrateQuery(q) === q` tells that nothing changed and
 * the editor saves a migrated query once (see `useMigratedQuery`). Migrations never interpolate.
 *
 * Applied to every query that runs (`query/prepare.ts`) and by the editor.
 */
import { LEGACY_QUERY_MODE } from '../query/defaults';
import type { GnocchiQuery, QueryMode } from '../types';

export type Migration = (q: GnocchiQuery) => GnocchiQuery;

const MODES: QueryMode[] = ['dynamic_aggregates', 'resource_search', 'resource_aggregation', 'resource', 'metric'];

/** 1.x targets without `queryMode` (provisioned JSON never opened in the 1.x editor): its default mode. */
export const queryModeOfSavedQuery: Migration = (q) =>
  q.queryMode && MODES.includes(q.queryMode) ? q : { ...q, queryMode: LEGACY_QUERY_MODE };

/**
 * 1.x saved its drop-downs' placeholder `none found` as a value (metric name, aggregation) when
 * nothing matched in the editor: it means unset.
 */
export const noneFoundIsUnset: Migration = (q) => {
  let out = q;
  for (const key of ['metric_name', 'aggregator', 'reaggregator'] as const) {
    if (typeof q[key] === 'string' && (q[key] as string).trim() === 'none found') {
      out = out === q ? { ...q } : out;
      delete out[key];
    }
  }
  return out;
};

/**
 * Fields 1.x targets carry that mean nothing today: editor state (`validQuery`, `queryError`,
 * `ready_metric`), 1.5.x's transformation API (`transform`, removed in 1.6.0 and ignored by 1.7.1),
 * 1.5.x's typo `need_overlap` (1.7.1 read `needed_overlap` only: not promoted), and the fields of an
 * InfluxDB target whose data source was switched to Gnocchi.
 */
const STALE_FIELDS = [
  'validQuery',
  'queryError',
  'ready_metric',
  'transform',
  'need_overlap',
  'dsType',
  'groupBy',
  'select',
  'policy',
  'resultFormat',
  'orderByTime',
  'tags',
  'measurement',
  'rawQuery',
];

export const staleFieldsRemoved: Migration = (q) => {
  const stale = STALE_FIELDS.filter((k) => k in q);
  if (!stale.length) {
    return q;
  }
  const out = { ...q } as Record<string, unknown>;
  for (const k of stale) {
    delete out[k];
  }
  return out as unknown as GnocchiQuery;
};

/** In order. */
export const QUERY_MIGRATIONS: Array<[name: string, step: Migration]> = [
  ['queryModeOfSavedQuery', queryModeOfSavedQuery],
  ['noneFoundIsUnset', noneFoundIsUnset],
  ['staleFieldsRemoved', staleFieldsRemoved],
];

export function migrateQuery(q: GnocchiQuery): GnocchiQuery {
  let out = q;
  for (const [, step] of QUERY_MIGRATIONS) {
    out = step(out);
  }
  return out;
}
