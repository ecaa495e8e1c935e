/**
 * Template-variable queries (the old plugin's syntax, kept for saved dashboards):
 *
 *   resources(<type>, <display template>, <value attribute>, <search>)   e.g.
 *     resources(instance, ${display_name} on $host, id, host = 'compute-1')
 *   resources(<type>, <attribute>, <search>)                               (legacy: text = value = attribute)
 *   resources(<type>, <attribute>)                                         (every resource of the type)
 *   metrics(<resource id>)                                                 (metric names of a resource)
 *
 * The value attribute may be a dotted path: `metrics.cpu_util` is the id of the resource's
 * `cpu_util` metric. The search is Gnocchi's string filter or JSON, as in panel queries.
 */
import type { MetricFindValue } from '@grafana/data';

import { resourceLabels } from '../gnocchi/attributes';
import { renderLabel } from '../gnocchi/labels';
import type { GnocchiResource } from '../types';

export type VariableQuery =
  | { kind: 'resources'; resourceType: string; display: string; valueAttr: string; search: string }
  | { kind: 'metrics'; resourceId: string };

/** Split on commas that are outside quotes, brackets and braces. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) {
        quote = null;
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
    } else if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Does the text call one of the functions (resources, metrics)? 1.7.1 answered anything else with no values. */
export function isVariableFunction(text: string): boolean {
  return /^\s*(resources|metrics)\s*\(/.test(text);
}

export function parseVariableQuery(text: string): VariableQuery {
  const m = /^\s*(resources|metrics)\s*\(([\s\S]*)\)\s*$/.exec(text);
  if (!m) {
    throw new Error(
      `Unknown variable query "${text}": use resources(type, display, value attribute, search) or metrics(resource id)`
    );
  }
  const args = splitArgs(m[2]);
  if (m[1] === 'metrics') {
    if (args.length !== 1 || !args[0]) {
      throw new Error('metrics() takes one argument: a resource id');
    }
    return { kind: 'metrics', resourceId: args[0] };
  }
  const strip = (a: string) => a.replace(/^\$\{?([\w.]+)\}?$/, '$1');
  if (args.length === 4) {
    return { kind: 'resources', resourceType: args[0], display: args[1], valueAttr: strip(args[2]), search: args[3] };
  }
  if (args.length === 2 || args.length === 3) {
    const attr = strip(args[1]);
    return { kind: 'resources', resourceType: args[0], display: `\${${attr}}`, valueAttr: attr, search: args[2] ?? '' };
  }
  throw new Error('resources() takes 2 to 4 arguments: type, display template, value attribute, search');
}

/** The value at a dotted path; a key may itself contain dots (`metrics.memory.usage`: metric `memory.usage`). */
function valueAt(obj: unknown, path: string): string | undefined {
  if (obj === null || typeof obj !== 'object') {
    return undefined;
  }
  const o = obj as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(o, path)) {
    const v = o[path];
    return v === undefined || v === null || typeof v === 'object' ? undefined : String(v);
  }
  for (let i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (Object.prototype.hasOwnProperty.call(o, head)) {
      const found = valueAt(o[head], path.slice(i + 1));
      if (found !== undefined) {
        return found;
      }
    }
  }
  return undefined;
}

/** Resources → variable values (deduplicated, in Gnocchi's order). */
export function resourcesToValues(resources: GnocchiResource[], display: string, valueAttr: string): MetricFindValue[] {
  const seen = new Set<string>();
  const out: MetricFindValue[] = [];
  for (const r of resources) {
    const value = valueAt(r, valueAttr);
    if (value === undefined || seen.has(value)) {
      continue;
    }
    seen.add(value);
    out.push({ text: renderLabel(display, resourceLabels(r)), value });
  }
  return out;
}
