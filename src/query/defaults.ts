/**
 * Defaults, in one place:
 * - `DEFAULT_QUERY`: what a new query starts with (`getDefaultQuery`, the editor's new queries);
 * - `fieldValue`: the value a blank field stands for when a query runs.
 * The old plugin's defaults for saved 1.x queries are migrations (`migrations/query.ts`), not defaults.
 */
import type { GnocchiQuery, QueryMode } from '../types';

/** The `queryVersion` of queries made with this plugin's editor. */
export const QUERY_VERSION = 2;

/** A query saved by 1.x (no `queryVersion`): 1.7.1's names and metric-name matching apply. */
export function isSavedByOldPlugin(q: GnocchiQuery): boolean {
  return !(typeof q.queryVersion === 'number' && q.queryVersion >= QUERY_VERSION);
}

/**
 * A new query: dynamic aggregates (the recommended mode) in the builder, no zero fill (a 60 s archive fed every
 * 5 minutes would draw a sawtooth), automatic granularity.
 */
export const DEFAULT_QUERY: Partial<GnocchiQuery> = {
  queryVersion: QUERY_VERSION,
  queryMode: 'dynamic_aggregates',
  editorMode: 'builder',
  resource_type: 'generic',
  aggregator: 'mean',
  draw_missing_datapoint_as_zero: false,
};

/** The mode of a (migrated) query; a saved query without one is a resource search, as in 1.x. */
export const LEGACY_QUERY_MODE: QueryMode = 'resource_search';

const BLANK_MEANS = {
  resource_type: 'generic',
  aggregator: 'mean',
  reaggregator: 'none',
} as const;

/** A field's value with surrounding blanks removed, or what a blank field means. */
export function fieldValue(q: GnocchiQuery, key: keyof typeof BLANK_MEANS): string {
  const v = q[key];
  const s = typeof v === 'string' ? v.trim() : '';
  return s || BLANK_MEANS[key];
}

/** A trimmed text field ('' when unset). */
export function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).trim();
}
