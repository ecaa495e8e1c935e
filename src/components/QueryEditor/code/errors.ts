/**
 * Gnocchi's error of the last run, placed under the code field it concerns: a search Gnocchi
 * refuses (unknown attribute, invalid filter) under the search, the rest of its 400s on a dynamic
 * aggregates query (metrics not found, operations it cannot apply) under the operations. Errors
 * that are not about the query text (connection, authentication) stay on the panel only.
 */
import type { DataQueryError, PanelData } from '@grafana/data';

import type { QueryMode } from '../../../types';

export type CodeFieldName = 'operations' | 'search';

const SEARCH = /\bno \S+ attribute\b|invalid filter|\bfilter\b|resource search|\bsearch\b/i;
const OPERATIONS = /metrics? not found|operation|aggregat|granularit|invalid input|\bmetric\b/i;

/** The errors of one query (`data.errors` of its refId, or `data.error`). */
export function errorsOf(data: PanelData | undefined, refId: string): DataQueryError[] {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- older Grafana versions set only `error`
  const single = data?.error;
  const all = data?.errors?.length ? data.errors : single ? [single] : [];
  return all.filter((e) => !e.refId || e.refId === refId);
}

/** The code field an error concerns, if any. */
export function fieldOfError(error: DataQueryError, mode: QueryMode): CodeFieldName | undefined {
  // without the request at the end (`(POST http://…/v1/search/resource/…)`)
  const message = (error.message ?? '').replace(/\s*\((?:GET|POST|PATCH|PUT|DELETE) [^)]*\)\s*$/, '');
  if (error.status !== undefined && error.status !== 400 && error.status !== 404) {
    return undefined;
  }
  if (!/^Gnocchi\b/.test(message) && error.status === undefined) {
    return undefined;
  }
  if (SEARCH.test(message) && mode !== 'metric' && mode !== 'resource') {
    return 'search';
  }
  if (mode === 'dynamic_aggregates' && (OPERATIONS.test(message) || error.status === 400)) {
    return 'operations';
  }
  return undefined;
}

/** The message to show under each code field. */
export function fieldErrors(
  data: PanelData | undefined,
  refId: string,
  mode: QueryMode
): Partial<Record<CodeFieldName, string>> {
  const out: Partial<Record<CodeFieldName, string>> = {};
  for (const e of errorsOf(data, refId)) {
    const field = fieldOfError(e, mode);
    if (field && !out[field]) {
      out[field] = e.message;
    }
  }
  return out;
}
