/**
 * The JSON form of resource searches: JSON read with positions, then checked node by node as
 * Gnocchi's _ResourceSearchSchema checks it (one operator per object, known operators, one
 * attribute per condition, scalars, non-empty lists).
 */
import { fail, show, Word } from '../common';
import { JsonNode, parseJson } from '../json';
import { checkCondition } from './checks';
import { BOOLEAN_OPERATORS, CONDITION_OPERATORS, FilterNode, Term } from './tree';

const EXAMPLE = '{"=": {"host": "compute1"}}';

function term(n: JsonNode): Term {
  switch (n.kind) {
    case 'array':
      return { type: 'list', items: n.items.map(term), from: n.from, to: n.to };
    case 'object':
      return fail('Expected a value (string, number, true, false, null), found an object', n.from, n.to);
    default:
      return { type: n.kind, value: n.value, raw: n.raw, from: n.from, to: n.to };
  }
}

function objectOf(n: JsonNode, what: string): Extract<JsonNode, { kind: 'object' }> {
  if (n.kind !== 'object') {
    return fail(`Expected ${what}, found ${n.kind === 'array' ? 'a list' : show(n.raw)}`, n.from, n.to);
  }
  return n;
}

export function filterNode(n: JsonNode): FilterNode {
  const obj = objectOf(n, `a filter object such as ${EXAMPLE}`);
  if (!obj.entries.length) {
    return { type: 'all', from: obj.from, to: obj.to };
  }
  if (obj.entries.length > 1) {
    const k = obj.entries[1].key;
    fail('One operator per object: combine conditions with {"and": [...]} or {"or": [...]}', k.from, k.to);
  }
  const { key, value } = obj.entries[0];
  const op: Word = { value: key.value, raw: key.raw, from: key.from, to: key.to };
  if (op.value === 'not') {
    const operand = filterNode(value);
    return { type: 'not', op, operand, from: obj.from, to: obj.to };
  }
  if (BOOLEAN_OPERATORS.includes(op.value)) {
    if (value.kind !== 'array') {
      return fail(`"${op.value}" takes a list of filters: {"${op.value}": [${EXAMPLE}, ...]}`, value.from, value.to);
    }
    if (!value.items.length) {
      return fail(`"${op.value}" needs at least one filter in its list`, value.from, value.to);
    }
    return { type: 'bool', op, args: value.items.map(filterNode), from: obj.from, to: obj.to };
  }
  if (!CONDITION_OPERATORS.includes(op.value)) {
    return fail(
      `Unknown operator ${show(op.value)}: expected =, ==, eq, !=, ne, <, lt, <=, le, >, gt, >=, ge, like, in, and, or, not`,
      key.from,
      key.to
    );
  }
  const cond = objectOf(value, `{"attribute": value} after "${op.value}"`);
  if (cond.entries.length !== 1) {
    const at = cond.entries[1]?.key ?? cond;
    fail(`"${op.value}" takes exactly one attribute: {"${op.value}": {"host": ...}}`, at.from, at.to);
  }
  const attr = term(cond.entries[0].key);
  const v = term(cond.entries[0].value);
  checkCondition(attr, op, v);
  return { type: 'condition', attr, op, value: v, from: obj.from, to: obj.to };
}

export function parseJsonFilter(text: string): FilterNode {
  return filterNode(parseJson(text));
}
