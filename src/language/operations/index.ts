/**
 * Gnocchi's operations language (`/v1/aggregates`), both forms: parse with positions, validate,
 * print, and the metric references a query makes. No @grafana imports.
 */
import { attempt, hasVariable, LanguageError, ParseResult, variableName } from '../common';
import { operation } from './build';
import { readJson, readString } from './items';
import type { MetricRef, OpNode, OperationsForm, OperationsTree, Word } from './tree';

export * from './tree';
export { completeOperations, highlightOperations } from './assist';
export { convertOperations } from './convert';

/** The form of an operations text: JSON when it starts with `[`. */
export function operationsForm(text: string): OperationsForm {
  return text.trim().startsWith('[') ? 'json' : 'string';
}

/** Parses operations (string or JSON form, by the first character). */
export function parseOperations(text: string): ParseResult<OperationsTree> {
  return attempt(text, () => {
    const form = operationsForm(text);
    const root = operation(form === 'json' ? readJson(text) : readString(text));
    return { form, root, from: root.from, to: root.to };
  });
}

/** `[]` when valid, else the first error with its position and what was expected. */
export function validateOperations(text: string): LanguageError[] {
  const { error } = parseOperations(text);
  return error ? [error] : [];
}

function printNode(n: OpNode, json: boolean): string {
  const list = (parts: string[]) => (json ? `[${parts.join(', ')}]` : `(${parts.join(' ')})`);
  switch (n.type) {
    case 'metric':
      return n.pairs
        ? list([n.op.raw, ...n.refs.map((r) => list([r.metric.raw, r.aggregation.raw]))])
        : list([n.op.raw, n.refs[0].metric.raw, n.refs[0].aggregation.raw]);
    case 'aggregate':
      return list([n.op.raw, n.method.raw, printNode(n.operand, json)]);
    case 'resample':
    case 'rolling':
      return list([n.op.raw, n.method.raw, n.window.raw, printNode(n.operand, json)]);
    case 'apply':
      return list([n.op.raw, ...n.args.map((a) => printNode(a, json))]);
    default:
      return n.value.raw;
  }
}

/** The text of a tree, in its form; `parseOperations(printOperations(t))` gives `t` back (positions aside). */
export function printOperations(tree: OperationsTree): string {
  return printNode(tree.root, tree.form === 'json');
}

/** What a word is, for highlighting and completion. */
export type WordRole = 'operation' | 'method' | 'metric' | 'aggregation' | 'window' | 'number' | 'variable';

/** Every word of the tree with its role, in source order. */
export function wordsOf(tree: OperationsTree | OpNode): Array<{ word: Word; role: WordRole }> {
  const out: Array<{ word: Word; role: WordRole }> = [];
  const visit = (n: OpNode) => {
    switch (n.type) {
      case 'metric':
        out.push({ word: n.op, role: 'operation' });
        n.refs.forEach((r) =>
          out.push({ word: r.metric, role: 'metric' }, { word: r.aggregation, role: 'aggregation' })
        );
        break;
      case 'aggregate':
      case 'resample':
      case 'rolling':
        out.push({ word: n.op, role: 'operation' }, { word: n.method, role: 'method' });
        if (n.type !== 'aggregate') {
          out.push({ word: n.window, role: 'window' });
        }
        visit(n.operand);
        break;
      case 'apply':
        out.push({ word: n.op, role: 'operation' });
        n.args.forEach(visit);
        break;
      default:
        out.push({ word: n.value, role: n.type });
    }
  };
  visit('root' in tree ? tree.root : tree);
  return out;
}

/** A metric reference: the name (search mode) or id (metric-ID mode) and its aggregation method. */
export interface MetricReference {
  metric: string;
  aggregation: string;
  from: number;
  to: number;
}

/** The metrics an operations tree references, in order (duplicates kept). */
export function metricRefs(tree: OperationsTree | OpNode): MetricReference[] {
  const out: MetricReference[] = [];
  const visit = (n: OpNode) => {
    if (n.type === 'metric') {
      n.refs.forEach((r: MetricRef) =>
        out.push({ metric: r.metric.value, aggregation: r.aggregation.value, from: r.from, to: r.to })
      );
    } else if (n.type === 'apply') {
      n.args.forEach(visit);
    } else if ('operand' in n) {
      visit(n.operand);
    }
  };
  visit('root' in tree ? tree.root : tree);
  return out;
}

/** The metric references of an operations text; none when it does not parse. */
export function metricRefsOf(text: string): MetricReference[] {
  const { tree } = parseOperations(text);
  return tree ? metricRefs(tree) : [];
}

/** Names of the dashboard variables an operations tree uses. */
export function operationsVariables(tree: OperationsTree): string[] {
  const names = new Set<string>();
  for (const { word } of wordsOf(tree)) {
    for (const m of word.value.match(/\$\{[^}]+\}|\[\[[^\]]+\]\]|\$[A-Za-z0-9_]+/g) ?? []) {
      if (hasVariable(m)) {
        names.add(variableName(m));
      }
    }
  }
  return [...names];
}
