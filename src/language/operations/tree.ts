/**
 * The syntax tree of Gnocchi's `/v1/aggregates` operations and the vocabulary of the language
 * (Gnocchi 4.4.2 `gnocchi/rest/aggregates/api.py` OperationsSchemaBase and `operations.py`;
 * `max` and `rateofchangesec` are 4.5+).
 */
import type { Span, Word } from '../common';

export type { Word };

export interface MetricRef extends Span {
  metric: Word;
  aggregation: Word;
}

export type OpNode =
  /** `(metric cpu mean)` (pairs: false) or `(metric (cpu mean) (memory mean))` (pairs: true). */
  | (Span & { type: 'metric'; op: Word; pairs: boolean; refs: MetricRef[] })
  | (Span & { type: 'aggregate'; op: Word; method: Word; operand: OpNode })
  | (Span & { type: 'resample' | 'rolling'; op: Word; method: Word; window: Word; operand: OpNode })
  /** Unary, binary and ternary operators; also a variable in operator position (`($op ...)`). */
  | (Span & { type: 'apply'; op: Word; args: OpNode[] })
  | (Span & { type: 'number'; value: Word })
  /** A dashboard variable standing for a number or a whole operation. */
  | (Span & { type: 'variable'; value: Word });

export type OperationsForm = 'string' | 'json';

export interface OperationsTree extends Span {
  form: OperationsForm;
  root: OpNode;
}

const BASE_AGGREGATES = ['mean', 'median', 'std', 'min', 'max', 'sum', 'var', 'count'];

/** Methods of `aggregate`, `resample` and `rolling` (AGG_MAP). */
export const AGGREGATE_METHODS = [...BASE_AGGREGATES, ...BASE_AGGREGATES.map((m) => `rate:${m}`)];

const POLICY_BASE = ['mean', 'sum', 'last', 'max', 'min', 'std', 'median', 'first', 'count'];

/** Aggregation methods an archive policy can have (the metric's second element). */
export const POLICY_METHODS = [...POLICY_BASE, ...POLICY_BASE.map((m) => `rate:${m}`)];

export function isPolicyMethod(m: string): boolean {
  return POLICY_METHODS.includes(m) || /^(rate:)?([1-9]|[1-9]\d)pct$/.test(m);
}

/** Binary operators: arithmetic, comparisons (results are booleans: 500 on 4.4), clip_min/max. */
export const BINARY_OPERATORS = [
  '+', 'add', '-', 'sub', '*', '×', 'mul', '/', '÷', 'div', '**', '^', 'pow', '%', 'mod',
  '=', '==', 'eq', '<', 'lt', '>', 'gt', '<=', '≤', 'le', '>=', '≥', 'ge', '!=', '≠', 'ne',
  'clip_min', 'clip_max', 'max',
]; // prettier-ignore

export const UNARY_OPERATORS = [
  'abs', 'absolute', 'neg', 'negative', 'cos', 'sin', 'tan', 'floor', 'ceil', 'rateofchange', 'rateofchangesec',
]; // prettier-ignore

/** `clip` takes the series, a minimum and an optional maximum. */
export const TERNARY_OPERATORS = ['clip'];

export const STRUCTURE_OPERATIONS = ['metric', 'aggregate', 'resample', 'rolling'];

/** How many operands an operator takes: [min, max]. */
export function arityOf(op: string): [number, number] | undefined {
  if (UNARY_OPERATORS.includes(op)) {
    return [1, 1];
  }
  if (BINARY_OPERATORS.includes(op)) {
    return [2, 2];
  }
  if (TERNARY_OPERATORS.includes(op)) {
    return [2, 3];
  }
  return undefined;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$|^[+-]?(?:inf|infinity|nan)$/i;

/** Is `s` a number for Gnocchi (Python's float())? */
export function isNumberText(s: string): boolean {
  return NUMBER.test(s.trim());
}

const UNIT = String.raw`(?:w|wks?|weeks?|d|dys?|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)`;
const DURATION = new RegExp(String.raw`^(?:\d+(?:\.\d+)?\s*${UNIT}\s*,?\s*)+$`, 'i');
const CLOCK = /^(?:\d+ days?, )?\d+:\d\d(?::\d\d(?:\.\d+)?)?$/;

/** Is `s` a positive timespan for Gnocchi (seconds, `5m`, `1h30m`, `0:05:00`)? */
export function isTimespanText(s: string): boolean {
  const t = s.trim();
  if (isNumberText(t)) {
    return Number(t) > 0;
  }
  return (DURATION.test(t) && /[1-9]/.test(t)) || (CLOCK.test(t) && /[1-9]/.test(t));
}
