/**
 * Resource searches from one form to the other (string ↔ JSON), on the tree, keeping what Gnocchi
 * reads: values keep their types (an unquoted `1` stays a number), `==` becomes `=` in the string
 * form. What the string form cannot say (a value with both quote kinds or a line break, `{}` inside
 * `and`/`or`) throws ParseError at that place.
 */
import { fail, isVariable, Word } from '../common';
import type { FilterForm, FilterNode, FilterTree, Term } from './tree';

function jsonTerm(t: Term, attribute = false): Term {
  if (t.type === 'list') {
    return { ...t, items: t.items.map((i) => jsonTerm(i)) };
  }
  if (attribute) {
    return { ...t, type: 'string', value: String(t.value), raw: JSON.stringify(String(t.value)) };
  }
  if (t.type === 'variable' || t.type === 'null' || t.type === 'bool' || t.type === 'number') {
    return { ...t, raw: t.type === 'variable' ? t.raw : JSON.stringify(t.value) };
  }
  return { ...t, type: 'string', raw: JSON.stringify(t.value) };
}

function literal(t: Term, v: string): string {
  if (/[\r\n]/.test(v) || (v.includes("'") && v.includes('"'))) {
    fail(`${JSON.stringify(v)} cannot be written in a string filter (no escapes): keep the JSON form`, t.from, t.to);
  }
  return v.includes("'") ? `"${v}"` : `'${v}'`;
}

function stringTerm(t: Term, attribute = false): Term {
  if (t.type === 'list') {
    return { ...t, items: t.items.map((i) => stringTerm(i)) };
  }
  if (t.type === 'string' && isVariable(String(t.value))) {
    return { ...t, type: 'variable', raw: String(t.value) };
  }
  if (t.type === 'string' && attribute && /^[A-Za-z][A-Za-z0-9_]*$/.test(String(t.value))) {
    const name = String(t.value);
    // a bare name Gnocchi would read otherwise (`notes` = not es, `nullable` = null...) stays quoted
    if (!/^(not|and|or|none|None|null|true|True|false|False)/.test(name)) {
      return { ...t, type: 'ident', raw: name };
    }
  }
  if (t.type === 'string') {
    return { ...t, raw: literal(t, String(t.value)) };
  }
  return { ...t, raw: t.type === 'null' ? 'null' : t.type === 'bool' ? String(t.value) : t.raw };
}

function word(w: Word, json: boolean): Word {
  if (json) {
    return { ...w, raw: JSON.stringify(w.value) };
  }
  return { ...w, value: w.value === '==' ? '=' : w.value, raw: w.value === '==' ? '=' : w.value };
}

function convertNode(n: FilterNode, json: boolean, root: boolean): FilterNode {
  switch (n.type) {
    case 'all':
      if (!json && !root) {
        fail('{} (every resource) inside a filter has no string form: keep the JSON form', n.from, n.to);
      }
      return n;
    case 'condition':
      return {
        ...n,
        op: word(n.op, json),
        attr: json ? jsonTerm(n.attr, true) : stringTerm(n.attr, true),
        value: json ? jsonTerm(n.value) : stringTerm(n.value),
      };
    case 'not':
      return { ...n, op: word(n.op, json), operand: convertNode(n.operand, json, false) };
    case 'bool':
      if (n.args.length === 1 && !json) {
        return convertNode(n.args[0], json, root);
      }
      return { ...n, op: word(n.op, json), args: n.args.map((a) => convertNode(a, json, false)) };
  }
}

/** The same search in `form` (print it with printSearch). Throws ParseError if impossible. */
export function convertSearch(tree: FilterTree, form: FilterForm): FilterTree {
  if (tree.form === form) {
    return tree;
  }
  return { ...tree, form, root: convertNode(tree.root, form === 'json', true) };
}
