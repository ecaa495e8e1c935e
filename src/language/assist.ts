/**
 * Shared types of the editor assistance (completion and highlighting) of both languages: pure
 * functions of the text and a cursor offset, for a Monaco completion provider or any other editor.
 */
import type { Span } from './common';

export type CompletionKind =
  'operation' | 'operator' | 'function' | 'method' | 'metric' | 'attribute' | 'value' | 'keyword' | 'variable';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** The text to insert (the label when absent), replacing `range`. */
  insertText?: string;
  detail?: string;
  range: Span;
}

/** What the plugin knows around the query: names from Gnocchi and the dashboard's variables. */
export interface CompletionContext {
  /** Metric names (of the matching resources) or ids. */
  metrics?: string[];
  /** Aggregation methods of the archive policy (the metric's second element); default: every valid one. */
  aggregations?: string[];
  /** Attribute names of the resource type. */
  attributes?: string[];
  /** Known values of an attribute (for search values). */
  values?: (attribute: string) => string[];
  /** Dashboard variable names, without `$`. */
  variables?: string[];
}

export type HighlightType =
  | 'keyword'
  | 'operator'
  | 'function'
  | 'metric'
  | 'attribute'
  | 'number'
  | 'string'
  | 'constant'
  | 'variable'
  | 'delimiter'
  | 'invalid';

export interface HighlightToken extends Span {
  type: HighlightType;
}

/** Items whose label starts with the typed prefix (case-insensitive), in the given order. */
export function byPrefix(items: CompletionItem[], prefix: string): CompletionItem[] {
  const p = prefix.toLowerCase();
  return items.filter((i) => i.label.toLowerCase().startsWith(p) || (i.insertText ?? '').toLowerCase().startsWith(p));
}

/** `$name` items for the dashboard variables. */
export function variableItems(ctx: CompletionContext, range: Span): CompletionItem[] {
  return (ctx.variables ?? []).map((v) => ({ label: `$${v}`, kind: 'variable', detail: 'dashboard variable', range }));
}
