/**
 * Series names. Queries made with this plugin's editor get readable, distinct default names and
 * label templates over every attribute. Queries saved by 1.x keep 1.7.1's names, since legends,
 * overrides, links and transformations match on them:
 * - no label: the metric id (metric mode), the resource id (resource and resource search modes),
 *   `unlabeled` (aggregating modes);
 * - resource aggregation without group by: the label verbatim (1.7.1 substituted nothing there);
 * - dynamic aggregates over metric ids: `$metric` is the metric id.
 * Both replace every occurrence of a placeholder (1.7.1 replaced only the first: a documented fix).
 */
import { defaultSeriesNames, labelVars, renderLabel } from '../gnocchi/labels';
import type { Series } from '../gnocchi/series';
import type { GnocchiQuery } from '../types';
import { isSavedByOldPlugin, text } from './defaults';
import { groupbyList } from './requests';

const UNLABELED = 'unlabeled';

function legacyDefault(s: Series, q: GnocchiQuery): string {
  switch (q.queryMode) {
    case 'metric':
      return text(q.metric_id);
    case 'resource':
    case 'resource_search':
      return s.resource?.id ?? s.labels.resource_id ?? s.labels.id ?? UNLABELED;
    default:
      return UNLABELED;
  }
}

function legacyVars(s: Series, q: GnocchiQuery): Record<string, string> {
  const vars = labelVars(s);
  if (q.queryMode === 'dynamic_aggregates' && !s.resource && s.labels.metric_id) {
    vars.metric = s.labels.metric_id;
  }
  return vars;
}

export function seriesNames(series: Series[], q: GnocchiQuery): string[] {
  const template = q.label?.trim() ? q.label : undefined;
  if (!isSavedByOldPlugin(q)) {
    return template ? series.map((s) => renderLabel(template, labelVars(s))) : defaultSeriesNames(series);
  }
  if (q.queryMode === 'resource_aggregation' && groupbyList(q.groupby).length === 0) {
    return series.map(() => template ?? UNLABELED);
  }
  return series.map((s) => {
    if (template) {
      return renderLabel(template, legacyVars(s, q));
    }
    const aggregating = q.queryMode === 'dynamic_aggregates' || q.queryMode === 'resource_aggregation';
    return aggregating ? renderLabel(UNLABELED, legacyVars(s, q)) : legacyDefault(s, q);
  });
}

/** Placeholders a label can use without reading the metric's own document (metric mode). */
const WITHOUT_METRIC_DOC = new Set(['id', 'metric_id', 'aggregation', 'aggregator']);

/** Does a metric-mode label need the metric's name, type or resource attributes? */
export function labelNeedsMetricDocument(label: string | undefined): boolean {
  for (const m of (label ?? '').matchAll(/\$\{([^}]*)\}|\$([A-Za-z0-9_]+)/g)) {
    if (!WITHOUT_METRIC_DOC.has(m[1] ?? m[2])) {
      return true;
    }
  }
  return false;
}
