/**
 * Series names: label templates (`$attr`, `${attr}`) and default names.
 */
import { groupLabels, resourceLabels, str } from './attributes';
import type { Series } from './series';

// `${anything but }}` or `$` followed by the longest run of [A-Za-z0-9_].
const PLACEHOLDER = /\$\{([^}]*)\}|\$([A-Za-z0-9_]+)/g;

/**
 * Replaces every `${name}` / `$name` whose name is in `vars` (the old plugin replaced only the
 * first occurrence, and `$hostname` could match `$host`). Unknown placeholders are left as is.
 */
export function renderLabel(template: string, vars: Record<string, string | undefined>): string {
  return template.replace(PLACEHOLDER, (match: string, braced: string | undefined, bare: string | undefined) => {
    const value = vars[(braced ?? bare) as string];
    return value === undefined ? match : value;
  });
}

/**
 * Variables for label templates: the series labels (resource attributes, group keys), plus
 * `metric` (`aggregated` for an aggregated series, as the old plugin), `aggregation` and its
 * alias `aggregator` (`''` for an aggregated series), `groupby` (group values joined with `, `),
 * `resource_id` and `id` (the resource id, or the metric id in metric-id mode).
 */
export function labelVars(series: Series): Record<string, string> {
  const vars: Record<string, string> = {};
  if (series.resource) {
    Object.assign(vars, resourceLabels(series.resource));
  }
  if (series.group) {
    Object.assign(vars, groupLabels(series.group));
  }
  Object.assign(vars, series.labels);
  const metric = series.metric ?? 'aggregated';
  const aggregation = series.aggregation ?? '';
  vars.metric = metric;
  vars.aggregation = aggregation;
  vars.aggregator = aggregation;
  vars.groupby = series.group ? Object.values(groupLabels(series.group)).join(', ') : '';
  const id = series.resource?.id ?? series.labels.resource_id ?? series.labels.metric_id ?? series.labels.id;
  if (id !== undefined) {
    vars.id = id;
  }
  const resourceId = series.resource?.id ?? series.labels.resource_id;
  if (resourceId !== undefined) {
    vars.resource_id = resourceId;
  }
  return vars;
}

function baseName(s: Series): string {
  const parts: string[] = [];
  if (s.group) {
    parts.push(
      Object.entries(groupLabels(s.group))
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    );
  }
  const r = s.resource;
  if (r) {
    const name = r.display_name ?? r.name ?? r.original_resource_id ?? r.id;
    parts.push(str(name));
  }
  if (s.metric !== undefined) {
    parts.push(s.metric);
  }
  if (s.aggregation !== undefined) {
    parts.push(s.aggregation);
  }
  if (!parts.length) {
    parts.push('aggregated');
  }
  return parts.join(' ');
}

/** An id that tells apart series with the same base name: resource id, else metric id. */
function discriminator(s: Series): string | undefined {
  return s.resource?.id ?? s.labels.resource_id ?? s.labels.metric_id;
}

/**
 * Default names, distinct across `all`: `[group k=v,...] [resource name] [metric] [aggregation]`
 * (resource name = display_name, name, original_resource_id or id); `aggregated` for a lone
 * aggregated series. Duplicates get ` (<resource or metric id>)`, then ` #2`, ` #3`, ...
 */
export function defaultSeriesNames(all: Series[]): string[] {
  let names = all.map(baseName);
  names = disambiguate(names, (i, name) => {
    const d = discriminator(all[i]);
    return d !== undefined && !name.includes(d) ? `${name} (${d})` : name;
  });
  const seen = new Map<string, number>();
  return names.map((name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} #${n}`;
  });
}

function disambiguate(names: string[], fix: (i: number, name: string) => string): string[] {
  const counts = new Map<string, number>();
  for (const n of names) {
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return names.map((n, i) => ((counts.get(n) ?? 0) > 1 ? fix(i, n) : n));
}
