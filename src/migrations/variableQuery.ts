/**
 * Saved template-variable queries → the variable editor's model. Pure, idempotent, and the same
 * object when the query is already a model (so the editor saves a migrated query once).
 *
 * 1.x saved a string: `resources(type, display, value attribute, search)` (also 2 and 3 arguments)
 * or `metrics(resource id)`; some dashboards hold `{query: "<string>"}`. A string that does not parse
 * (unknown function, wrong arguments) becomes the `legacy` kind, which keeps running as written.
 */
import type { GnocchiVariableQuery } from '../types';
import { isVariableFunction, parseVariableQuery } from '../variables/query';

export const VARIABLE_REF_ID = 'GnocchiVariableQuery';

function fromString(text: string, refId: string): GnocchiVariableQuery {
  const legacy: GnocchiVariableQuery = { refId, kind: 'legacy', query: text };
  if (!isVariableFunction(text)) {
    return legacy;
  }
  try {
    const q = parseVariableQuery(text);
    if (q.kind === 'metrics') {
      return { refId, kind: 'metric_names', resource_id: q.resourceId };
    }
    const out: GnocchiVariableQuery = {
      refId,
      kind: 'resources',
      resource_type: q.resourceType,
      text: q.display,
      value: q.valueAttr,
    };
    if (q.search) {
      out.search = q.search;
    }
    return out;
  } catch {
    return legacy;
  }
}

/** A saved variable query (string, `{query}`, or a model) as the editor's model. */
export function migrateVariableQuery(saved: string | GnocchiVariableQuery | undefined | null): GnocchiVariableQuery {
  if (saved === undefined || saved === null || saved === '') {
    return { refId: VARIABLE_REF_ID, kind: 'resources' };
  }
  if (typeof saved === 'string') {
    return fromString(saved, VARIABLE_REF_ID);
  }
  if (saved.kind) {
    return saved;
  }
  const refId = saved.refId || VARIABLE_REF_ID;
  return typeof saved.query === 'string' ? fromString(saved.query, refId) : { ...saved, refId, kind: 'resources' };
}

/** Whether a saved query runs through the 1.x parser unchanged (a string, `{query}` or `legacy`). */
export function isLegacyVariableQuery(saved: string | GnocchiVariableQuery): boolean {
  return typeof saved === 'string' || !saved.kind || saved.kind === 'legacy';
}
