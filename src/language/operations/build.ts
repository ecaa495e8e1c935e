/**
 * Items (either form) → the operations tree, checked as Gnocchi's OperationsSchemaBase checks
 * them, with the position of the first error. A token containing a dashboard variable is taken
 * as whatever stands there (its value is known only after interpolation).
 */
import { fail, hasVariable, isVariable, show } from '../common';
import type { Item } from './items';
import {
  AGGREGATE_METHODS,
  arityOf,
  BINARY_OPERATORS,
  isNumberText,
  isPolicyMethod,
  isTimespanText,
  MetricRef,
  OpNode,
  STRUCTURE_OPERATIONS,
  TERNARY_OPERATORS,
  UNARY_OPERATORS,
  Word,
} from './tree';

type Atom = Extract<Item, { kind: 'atom' }>;
type List = Extract<Item, { kind: 'list' }>;

const EXAMPLES: Record<string, string> = {
  metric: '(metric cpu mean) or (metric (cpu mean) (memory.usage mean))',
  aggregate: '(aggregate mean (metric cpu mean))',
  resample: '(resample mean 1h (metric cpu mean))',
  rolling: '(rolling mean 5 (metric cpu mean))',
};

function word(a: Atom): Word {
  return { value: a.value, raw: a.raw, from: a.from, to: a.to };
}

/** Where a missing argument should go: just before the closing bracket. */
function missing(list: List, what: string, example: string): never {
  return fail(`Missing ${what}: ${example}`, Math.max(list.to - 1, list.from), list.to);
}

function atom(item: Item, what: string): Atom {
  if (item.kind !== 'atom') {
    return fail(`Expected ${what}, found an operation`, item.from, item.to);
  }
  return item;
}

function method(item: Item, op: string, allowed: (m: string) => boolean, list: string): Word {
  const a = atom(item, `an aggregation method for ${op}`);
  if (!hasVariable(a.value) && !allowed(a.value)) {
    fail(`Unknown aggregation method ${show(a.value)} for ${op}: expected ${list}`, a.from, a.to);
  }
  return word(a);
}

const AGGREGATE_LIST = 'mean, median, std, min, max, sum, var, count or rate:<one of them>';
const POLICY_LIST =
  "one of the metric's archive policy (mean, min, max, sum, std, count, last, first, median, 95pct, rate:mean, ...)";

function metricRef(name: Item, agg: Item | undefined, at: List): MetricRef {
  const n = atom(name, 'a metric name or id');
  if (!agg) {
    return missing(at, `the aggregation method after ${show(n.value)}`, EXAMPLES.metric);
  }
  const aggregation = method(agg, `metric ${show(n.value)}`, isPolicyMethod, POLICY_LIST);
  return { metric: word(n), aggregation, from: n.from, to: aggregation.to };
}

function metricNode(list: List, op: Word): OpNode {
  const args = list.items.slice(1);
  if (!args.length) {
    return missing(list, 'the metric and its aggregation method', EXAMPLES.metric);
  }
  if (args[0].kind === 'atom') {
    const ref = metricRef(args[0], args[1], list);
    if (args.length > 2) {
      fail(`Too many arguments: ${EXAMPLES.metric}`, args[2].from, args[2].to);
    }
    return { type: 'metric', op, pairs: false, refs: [ref], from: list.from, to: list.to };
  }
  const refs = args.map((pair) => {
    if (pair.kind !== 'list') {
      return fail(`Expected a (metric aggregation) pair like the others: ${EXAMPLES.metric}`, pair.from, pair.to);
    }
    if (!pair.items.length) {
      return missing(pair, 'a metric name and an aggregation method', EXAMPLES.metric);
    }
    const ref = metricRef(pair.items[0], pair.items[1], pair);
    if (pair.items.length > 2) {
      fail(`Too many elements: a pair is (metric aggregation)`, pair.items[2].from, pair.items[2].to);
    }
    return { ...ref, from: pair.from, to: pair.to };
  });
  return { type: 'metric', op, pairs: true, refs, from: list.from, to: list.to };
}

function tooMany(list: List, n: number, example: string) {
  if (list.items.length > n) {
    const extra = list.items[n];
    fail(`Too many arguments: ${example}`, extra.from, extra.to);
  }
}

function windowWord(item: Item, op: 'resample' | 'rolling'): Word {
  const a = atom(item, op === 'resample' ? 'a timespan (300, 5m, 1h)' : 'a number of points');
  if (!hasVariable(a.value)) {
    if (op === 'resample' && !isTimespanText(a.value)) {
      fail(`Expected a positive timespan (seconds, 5m, 1h), found ${show(a.value)}`, a.from, a.to);
    }
    const n =
      a.json === 'number' ? Math.trunc(Number(a.value)) : /^\s*[+-]?\d+\s*$/.test(a.value) ? Number(a.value) : 0;
    if (op === 'rolling' && !(n >= 1)) {
      fail(`Expected a whole number of points ≥ 1 for the rolling window, found ${show(a.value)}`, a.from, a.to);
    }
  }
  return word(a);
}

function structured(list: List, op: Word): OpNode {
  const name = op.value;
  const example = EXAMPLES[name];
  const [, m, second, third] = list.items;
  if (!m) {
    return missing(list, 'the aggregation method', example);
  }
  const methodWord = method(m, name, (x) => AGGREGATE_METHODS.includes(x), AGGREGATE_LIST);
  if (name === 'aggregate') {
    if (!second) {
      return missing(list, 'the operation to aggregate', example);
    }
    tooMany(list, 3, example);
    return { type: 'aggregate', op, method: methodWord, operand: node(second), from: list.from, to: list.to };
  }
  const kind = name as 'resample' | 'rolling';
  if (!second) {
    return missing(list, kind === 'resample' ? 'the timespan' : 'the window (number of points)', example);
  }
  const window = windowWord(second, kind);
  if (!third) {
    return missing(list, `the operation to ${kind === 'resample' ? 'resample' : 'roll over'}`, example);
  }
  tooMany(list, 4, example);
  return { type: kind, op, method: methodWord, window, operand: node(third), from: list.from, to: list.to };
}

function apply(list: List, op: Word): OpNode {
  const args = list.items.slice(1);
  const arity = isVariable(op.value) ? [1, Infinity] : arityOf(op.value);
  if (!arity && AGGREGATE_METHODS.includes(op.value)) {
    return fail(
      `Unknown operation ${show(op.value)}: to aggregate series, write (aggregate ${op.value} (metric cpu mean))`,
      op.from,
      op.to
    );
  }
  if (!arity) {
    return fail(
      `Unknown operation ${show(op.value)}: expected metric, aggregate, resample, rolling, an arithmetic or ` +
        'comparison operator (+ - * / ** % = < > ...), clip, clip_min, clip_max or a function (abs, neg, ' +
        'floor, ceil, cos, sin, tan, rateofchange)',
      op.from,
      op.to
    );
  }
  const [min, max] = arity;
  const example = min === 1 && max === 1 ? `(${op.value} (metric cpu mean))` : `(${op.value} (metric cpu mean) 2)`;
  if (args.length < min) {
    const what =
      max === 1 ? 'the operand' : args.length ? `the second operand of ${op.value}` : `the operands of ${op.value}`;
    return missing(list, what, example);
  }
  if (args.length > max) {
    fail(
      `Too many operands: ${op.value} takes ${max === min ? max : `${min} or ${max}`}`,
      args[max].from,
      args[max].to
    );
  }
  return { type: 'apply', op, args: args.map(node), from: list.from, to: list.to };
}

/** One operation or a number (a sub-node of Gnocchi's schema). */
export function node(item: Item): OpNode {
  if (item.kind === 'atom') {
    if (isVariable(item.value) || (item.json !== 'number' && hasVariable(item.value))) {
      return { type: 'variable', value: word(item), from: item.from, to: item.to };
    }
    if (!isNumberText(item.value)) {
      const known = [...STRUCTURE_OPERATIONS, ...BINARY_OPERATORS, ...UNARY_OPERATORS, ...TERNARY_OPERATORS];
      const hint = known.includes(item.value) ? ` (an operation goes in brackets: (${item.value} ...))` : '';
      fail(`Expected an operation or a number, found ${show(item.value)}${hint}`, item.from, item.to);
    }
    return { type: 'number', value: word(item), from: item.from, to: item.to };
  }
  return operation(item);
}

/** An operation (the root must be one: a bare number is refused by Gnocchi). */
export function operation(item: Item): OpNode {
  if (item.kind !== 'list') {
    return fail(`Expected an operation in brackets, found ${show(item.value)}`, item.from, item.to);
  }
  const first = item.items[0];
  if (!first) {
    return fail('Empty operation: expected metric, aggregate, resample, rolling or an operator', item.from, item.to);
  }
  if (first.kind !== 'atom' || first.json === 'number') {
    return fail('Expected the name of an operation first (metric, aggregate, +, ...)', first.from, first.to);
  }
  const op = word(first);
  if (op.value === 'metric') {
    return metricNode(item, op);
  }
  if (STRUCTURE_OPERATIONS.includes(op.value)) {
    return structured(item, op);
  }
  return apply(item, op);
}
