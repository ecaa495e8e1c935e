/**
 * A readable one-liner of a query for Explore's collapsed rows and query history
 * (`DataSource.getQueryDisplayText`): the mode, then what the query reads, in every mode.
 */
import { migrateQuery } from '../migrations/query';
import { GnocchiQuery, QUERY_MODES } from '../types';

/** Whitespace (line breaks of the code fields) as single spaces. */
const flat = (text: string | number | undefined) =>
  String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();

function parts(q: GnocchiQuery): string[] {
  const type = flat(q.resource_type) || 'generic';
  const search = flat(q.resource_search);
  const where = search ? `where ${search}` : '';
  const groupby = flat(q.groupby) ? `by ${flat(q.groupby)}` : '';
  const method = flat(q.aggregator) || 'mean';
  switch (q.queryMode) {
    case 'dynamic_aggregates':
      return [type, flat(q.operations) || '(no operations)', where, groupby];
    case 'resource_aggregation': {
      const re = flat(q.reaggregator);
      const cross = re && re !== 'none' ? ` → ${re}` : '';
      return [type, `${flat(q.metric_name) || '(no metric)'} ${method}${cross}`, where, groupby];
    }
    case 'resource':
      return [
        `${type} ${flat(q.resource_id) || '(no resource id)'}`,
        `${flat(q.metric_name) || '(no metric)'} ${method}`,
      ];
    case 'metric':
      return [`metric ${flat(q.metric_id) || '(no id)'}`, method];
    default:
      return [type, `${flat(q.metric_name) || '(no metric)'} ${method}`, where];
  }
}

export function queryDisplayText(query: GnocchiQuery): string {
  const q = migrateQuery(query);
  const mode = QUERY_MODES.find((m) => m.value === q.queryMode)?.label ?? 'Resource search';
  const granularity = flat(q.granularity) ? `every ${flat(q.granularity)} s` : '';
  return `${mode}: ${[...parts(q), granularity].filter(Boolean).join(' · ')}`;
}
