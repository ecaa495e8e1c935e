/**
 * Runs a template-variable query of the editor's model, one function per kind. Fields are
 * interpolated here (searches quoted for Gnocchi, one value where one is taken); listings read
 * every page (`listAll`) with only the attributes needed (`attrs`). `$__searchFilter` in a search
 * is what the user typed in the variable picker, as a LIKE pattern (`web` → `'web%'`): write
 * `display_name like $__searchFilter` (or `{"like": {"display_name": "$__searchFilter"}}`) so a
 * long list is searched on the server.
 */
import type { MetricFindValue, ScopedVars } from '@grafana/data';

import type { GnocchiClient } from '../client';
import { parseFilter } from '../gnocchi/filter';
import { pathSegment } from '../gnocchi/path';
import { interpolateSearch, interpolateSingle, TemplateSrvLike } from '../query/interpolate';
import type { GnocchiArchivePolicy, GnocchiMetric, GnocchiResource, GnocchiVariableQuery } from '../types';
import { resourcesToValues } from './query';
import { runVariableQuery } from './run';

export interface VariableContext {
  client: GnocchiClient;
  templateSrv: TemplateSrvLike;
  scopedVars: ScopedVars;
}

/** The picker's typed text as a LIKE prefix pattern (`%`, `_` and `\` escaped, `%` appended). */
export function likePattern(typed: string): string {
  return typed.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
}

/** Scoped variables with `__searchFilter` as a LIKE pattern (empty typed text: `%`, everything). */
export function withSearchFilter(scopedVars: ScopedVars): ScopedVars {
  const typed = scopedVars.__searchFilter?.value;
  const text = typeof typed === 'string' ? typed : '';
  return { ...scopedVars, __searchFilter: { text, value: likePattern(text) } };
}

const values = (names: Iterable<string>): MetricFindValue[] =>
  [...new Set(names)].sort((a, b) => a.localeCompare(b)).map((n) => ({ text: n, value: n }));

/** Names of `$attr` / `${attr}` placeholders of a template (the attributes to read). */
function templateAttributes(template: string): string[] {
  return [...template.matchAll(/\$\{([^}]*)\}|\$([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? m[2]);
}

async function searchResources(ctx: VariableContext, q: GnocchiVariableQuery, attrs: string[]) {
  const scoped = withSearchFilter(ctx.scopedVars);
  const type = interpolateSingle(q.resource_type || 'generic', 'resource type', ctx.templateSrv, scoped);
  const search = parseFilter(interpolateSearch((q.search ?? '').trim(), ctx.templateSrv, scoped));
  return ctx.client.listAll<GnocchiResource>('POST', `/v1/search/resource/${pathSegment(type, 'resource type')}`, {
    params: { ...(search.kind === 'string' ? { filter: search.value } : {}), attrs: ['id', ...new Set(attrs)] },
    body: search.kind === 'json' ? search.value : search.kind === 'empty' ? {} : undefined,
  });
}

/** Archive policies: all of them, or the one of `metric` (a metric id). */
async function policies(ctx: VariableContext, q: GnocchiVariableQuery): Promise<GnocchiArchivePolicy[]> {
  const metric = interpolateSingle((q.metric ?? '').trim(), 'metric', ctx.templateSrv, ctx.scopedVars);
  if (metric) {
    const m = await ctx.client.request<GnocchiMetric>('GET', `/v1/metric/${pathSegment(metric, 'metric id')}`);
    return m.archive_policy ? [m.archive_policy] : [];
  }
  const all = await ctx.client.request<GnocchiArchivePolicy[]>('GET', '/v1/archive_policy');
  if (!Array.isArray(all)) {
    throw new Error('Gnocchi answered the archive policy listing with something that is not a list');
  }
  return all;
}

/** A Gnocchi timespan (`60`, `"0:01:00"`, `"1 day, 0:00:00"`) in seconds. */
export function timespanSeconds(g: string | number): number {
  if (typeof g === 'number') {
    return g;
  }
  const m = /^(?:(\d+) days?, )?(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(g.trim());
  if (!m) {
    return Number(g);
  }
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

/** 60 → `1m`, 3600 → `1h`, 86400 → `1d`, 90 → `90s`. */
export function granularityText(sec: number): string {
  for (const [unit, len] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (sec >= len && sec % len === 0) {
      return `${sec / len}${unit}`;
    }
  }
  return `${sec}s`;
}

async function resourceTypes(ctx: VariableContext): Promise<MetricFindValue[]> {
  const types = await ctx.client.request<Array<{ name: string }>>('GET', '/v1/resource_type');
  if (!Array.isArray(types)) {
    throw new Error('Gnocchi answered the resource type listing with something that is not a list');
  }
  return values(types.map((t) => t.name));
}

async function attributeValues(ctx: VariableContext, q: GnocchiVariableQuery): Promise<MetricFindValue[]> {
  const attribute = interpolateSingle((q.attribute ?? '').trim(), 'attribute', ctx.templateSrv, ctx.scopedVars);
  if (!attribute) {
    throw new Error('Choose the attribute whose values the variable lists');
  }
  const root = attribute.split('.')[0];
  const found = resourcesToValues(await searchResources(ctx, q, [root]), `\${${attribute}}`, attribute);
  return values(found.map((v) => String(v.value)));
}

async function metricNames(ctx: VariableContext, q: GnocchiVariableQuery): Promise<MetricFindValue[]> {
  const id = (q.resource_id ?? '').trim();
  if (id) {
    const resourceId = interpolateSingle(id, 'resource id', ctx.templateSrv, ctx.scopedVars);
    return runVariableQuery(ctx.client, { kind: 'metrics', resourceId });
  }
  const resources = await searchResources(ctx, q, ['metrics']);
  return values(resources.flatMap((r) => Object.keys(r.metrics ?? {})));
}

/** The values of a variable query of the editor's model (kind `legacy` excepted: see support.ts). */
export async function runVariableKind(ctx: VariableContext, q: GnocchiVariableQuery): Promise<MetricFindValue[]> {
  switch (q.kind) {
    case 'resource_types':
      return resourceTypes(ctx);
    case 'resources': {
      const valueAttr = (q.value ?? '').trim() || 'id';
      const text = (q.text ?? '').trim() || (valueAttr.includes('.') ? '${id}' : `\${${valueAttr}}`);
      const attrs = [...templateAttributes(text), valueAttr.split('.')[0]];
      return resourcesToValues(await searchResources(ctx, q, attrs), text, valueAttr);
    }
    case 'attribute_values':
      return attributeValues(ctx, q);
    case 'metric_names':
      return metricNames(ctx, q);
    case 'aggregation_methods':
      return values((await policies(ctx, q)).flatMap((p) => p.aggregation_methods ?? []));
    case 'granularities': {
      const secs = new Set(
        (await policies(ctx, q)).flatMap((p) => p.definition.map((d) => timespanSeconds(d.granularity)))
      );
      return [...secs]
        .filter((s) => Number.isFinite(s) && s > 0)
        .sort((a, b) => a - b)
        .map((s) => ({ text: granularityText(s), value: String(s) }));
    }
    default:
      throw new Error(`Unknown variable query kind "${String(q.kind)}"`);
  }
}
