/**
 * Gnocchi's resource search language, both forms: parse with positions, validate, print, and the
 * attributes and variables a search uses. No @grafana imports.
 */
import { attempt, LanguageError, ParseResult, variableName, VARIABLE_SOURCE } from '../common';
import { parseJsonFilter } from './json';
import { parseStringFilter } from './string';
import { attributeName, FilterForm, FilterNode, FilterTree, PRECEDENCE, Term } from './tree';

export * from './tree';
export { completeSearch, highlightSearch } from './assist';
export { convertSearch } from './convert';

/** The form of a search text: JSON when it starts with `{`. */
export function searchForm(text: string): FilterForm {
  return text.trim().startsWith('{') ? 'json' : 'string';
}

/** Parses a resource search; a blank text is the search of every resource. */
export function parseSearch(text: string): ParseResult<FilterTree> {
  return attempt(text, () => {
    const form = searchForm(text);
    if (!text.trim()) {
      return { form, root: { type: 'all', from: 0, to: text.length }, from: 0, to: text.length };
    }
    const root = form === 'json' ? parseJsonFilter(text) : parseStringFilter(text);
    return { form, root, from: root.from, to: root.to };
  });
}

/** `[]` when valid, else the first error with its position and what was expected. */
export function validateSearch(text: string): LanguageError[] {
  const { error } = parseSearch(text);
  return error ? [error] : [];
}

function printTerm(t: Term): string {
  return t.type === 'list' ? `[${t.items.map(printTerm).join(', ')}]` : t.raw;
}

function printString(n: FilterNode): string {
  switch (n.type) {
    case 'all':
      return '';
    case 'condition':
      return `${printTerm(n.attr)} ${n.op.raw} ${printTerm(n.value)}`;
    case 'not':
      return `${n.op.raw} ${n.operand.type === 'bool' ? `(${printString(n.operand)})` : printString(n.operand)}`;
    case 'bool': {
      const level = PRECEDENCE[n.op.value];
      const child = (c: FilterNode) =>
        c.type === 'bool' && PRECEDENCE[c.op.value] <= level ? `(${printString(c)})` : printString(c);
      return n.args.map(child).join(` ${n.op.raw} `);
    }
  }
}

function printJsonNode(n: FilterNode): string {
  switch (n.type) {
    case 'all':
      return '{}';
    case 'condition':
      return `{${n.op.raw}: {${printTerm(n.attr)}: ${printTerm(n.value)}}}`;
    case 'not':
      return `{${n.op.raw}: ${printJsonNode(n.operand)}}`;
    case 'bool':
      return `{${n.op.raw}: [${n.args.map(printJsonNode).join(', ')}]}`;
  }
}

/** The text of a tree in its form; `parseSearch(printSearch(t))` gives `t` back (positions aside). */
export function printSearch(tree: FilterTree): string {
  return tree.form === 'json' ? printJsonNode(tree.root) : printString(tree.root);
}

/** Every condition of a tree, in source order. */
export function conditionsOf(tree: FilterTree | FilterNode): Array<Extract<FilterNode, { type: 'condition' }>> {
  const out: Array<Extract<FilterNode, { type: 'condition' }>> = [];
  const visit = (n: FilterNode) => {
    if (n.type === 'condition') {
      out.push(n);
    } else if (n.type === 'not') {
      visit(n.operand);
    } else if (n.type === 'bool') {
      n.args.forEach(visit);
    }
  };
  visit('root' in tree ? tree.root : tree);
  return out;
}

/** Attribute names the search compares (distinct, in order). */
export function searchAttributes(tree: FilterTree): string[] {
  const names = conditionsOf(tree).map((c) => attributeName(c.attr));
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

const VARIABLES = new RegExp(VARIABLE_SOURCE, 'g');

/** Names of the dashboard variables a search uses (as attribute, value or inside a string). */
export function searchVariables(tree: FilterTree): string[] {
  const names = new Set<string>();
  const visit = (t: Term) => {
    if (t.type === 'list') {
      t.items.forEach(visit);
    } else if (typeof t.value === 'string') {
      (t.value.match(VARIABLES) ?? []).forEach((m) => names.add(variableName(m)));
    }
  };
  conditionsOf(tree).forEach((c) => {
    visit(c.attr);
    visit(c.value);
  });
  return [...names];
}
