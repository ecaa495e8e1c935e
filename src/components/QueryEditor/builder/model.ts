/**
 * The visual builder's model of a dynamic-aggregates query, and its conversion to and from the
 * saved fields (`resource_type`, `resource_search`, `operations`, `groupby`, `granularity`,
 * `label`), through the parsers and printers of `src/language/`. A saved query the builder cannot
 * show exactly gives a reason instead of a model (it stays in code mode). No @grafana imports.
 */
import { quoteFilterValue } from '../../../gnocchi/filter';
import { isVariable, withoutPositions } from '../../../language/common';
import { conditionsOf, FilterNode, parseSearch, printSearch } from '../../../language/filter';
import { OpNode, parseOperations } from '../../../language/operations';
import type { GnocchiQuery } from '../../../types';

/** One search condition; `value` is the term as written (`'m1.small'`, `$flavor`, `2`, `['a', 'b']`). */
export interface Condition {
  attr: string;
  op: string;
  value: string;
}

export type Step =
  | { kind: 'rate'; op: string }
  | { kind: 'resample' | 'rolling'; method: string; window: string }
  | { kind: 'arithmetic'; op: string; value: string };

export interface BuilderModel {
  resourceType: string;
  conditions: Condition[];
  /** How the conditions combine (`and` / `or`, as written). */
  combinator: string;
  metric: string;
  /** Aggregation method of the metric's archive policy (`mean`, `rate:mean`, ...). */
  aggregation: string;
  /** Cross-resource aggregation (`aggregate <method>`), `none` for none. */
  reaggregation: string;
  /** Applied in order over the (aggregated) metric. */
  steps: Step[];
  groupby: string[];
  granularity: string;
  label: string;
}

export const EMPTY_MODEL: BuilderModel = {
  resourceType: '',
  conditions: [],
  combinator: 'and',
  metric: '',
  aggregation: '',
  reaggregation: 'none',
  steps: [],
  groupby: [],
  granularity: '',
  label: '',
};

export const RATE_OPERATORS = ['rateofchange', 'rateofchangesec'];
export const ARITHMETIC_OPERATORS = ['+', '-', '*', '/', '**', 'add', 'sub', 'mul', 'div', 'pow'];
export const CROSS_AGGREGATIONS = ['none', 'mean', 'median', 'min', 'max', 'sum', 'std', 'var', 'count'];
/** Search operators offered by the builder (the string form's spellings). */
export const SEARCH_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'like', 'in'];

const complete = (c: Condition) => Boolean(c.attr.trim() && c.op.trim() && c.value.trim());

function stepComplete(s: Step): boolean {
  switch (s.kind) {
    case 'rate':
      return Boolean(s.op);
    case 'arithmetic':
      return Boolean(s.op && s.value.trim());
    default:
      return Boolean(s.method && s.window.trim());
  }
}

/** What is missing before the query can run (undefined when complete). */
export function missing(m: BuilderModel): string | undefined {
  if (!m.resourceType.trim()) {
    return 'a resource type';
  }
  if (!m.conditions.every(complete)) {
    return 'every search condition’s attribute, operator and value';
  }
  if (!m.metric.trim() || !m.aggregation.trim()) {
    return 'a metric and its aggregation method';
  }
  if (!m.steps.every(stepComplete)) {
    return 'the value of every step';
  }
  return undefined;
}

/** The resource search text of the complete conditions ('' when none). */
export function searchText(m: BuilderModel): string {
  return m.conditions
    .filter(complete)
    .map((c) => `${c.attr.trim()} ${c.op.trim()} ${c.value.trim()}`)
    .join(` ${m.combinator} `);
}

/** The operations text ('' until a metric and its aggregation are chosen; incomplete steps left out). */
export function operationsText(m: BuilderModel): string {
  if (!m.metric.trim() || !m.aggregation.trim()) {
    return '';
  }
  let text = `(metric ${m.metric.trim()} ${m.aggregation.trim()})`;
  if (m.reaggregation && m.reaggregation !== 'none') {
    text = `(aggregate ${m.reaggregation} ${text})`;
  }
  for (const s of m.steps.filter(stepComplete)) {
    switch (s.kind) {
      case 'rate':
        text = `(${s.op} ${text})`;
        break;
      case 'arithmetic':
        text = `(${s.op} ${text} ${s.value.trim()})`;
        break;
      default:
        text = `(${s.kind} ${s.method} ${s.window.trim()} ${text})`;
    }
  }
  return text;
}

/** The builder's fields of a query (merged over the saved query: other fields are kept). */
export function toQuery(m: BuilderModel): Partial<GnocchiQuery> {
  return {
    queryMode: 'dynamic_aggregates',
    resource_type: m.resourceType.trim(),
    resource_search: searchText(m),
    operations: operationsText(m),
    groupby: m.groupby.join(','),
    granularity: m.granularity,
    label: m.label,
  };
}

export type FromQuery = { model: BuilderModel; reason?: undefined } | { model?: undefined; reason: string };

function conditionsFrom(text: string): { conditions: Condition[]; combinator: string } | string {
  if (!text.trim()) {
    return { conditions: [], combinator: 'and' };
  }
  const { tree, error } = parseSearch(text);
  if (error) {
    return `the resource search does not parse (${error.message})`;
  }
  if (tree.form === 'json') {
    return 'the resource search is in JSON form (the builder writes the string form)';
  }
  const root: FilterNode = tree.root;
  if (root.type === 'not' || (root.type === 'bool' && root.args.some((a) => a.type !== 'condition'))) {
    return 'the resource search uses not or nested groups of and/or';
  }
  const conditions = conditionsOf(tree).map((c) => {
    const printed = printSearch({ form: 'string', root: c, from: 0, to: 0 });
    const attr = c.attr.type === 'list' ? '' : c.attr.raw;
    return { attr, op: c.op.raw, value: printed.slice(attr.length + c.op.raw.length + 2) };
  });
  if (conditions.some((c) => !/^[A-Za-z][A-Za-z0-9_.]*$/.test(c.attr) && !isVariable(c.attr))) {
    return 'a search condition compares something else than an attribute name';
  }
  const combinator = root.type === 'bool' ? root.op.raw : 'and';
  return { conditions, combinator };
}

function stepOf(n: OpNode): { step: Step; operand: OpNode } | undefined {
  if (n.type === 'apply' && n.args.length === 1 && RATE_OPERATORS.includes(n.op.value)) {
    return { step: { kind: 'rate', op: n.op.raw }, operand: n.args[0] };
  }
  if (n.type === 'apply' && n.args.length === 2 && ARITHMETIC_OPERATORS.includes(n.op.value)) {
    const c = n.args[1];
    if (c.type === 'number' || c.type === 'variable') {
      return { step: { kind: 'arithmetic', op: n.op.raw, value: c.value.raw }, operand: n.args[0] };
    }
  }
  if (n.type === 'resample' || n.type === 'rolling') {
    return { step: { kind: n.type, method: n.method.raw, window: n.window.raw }, operand: n.operand };
  }
  return undefined;
}

function operationsFrom(
  text: string
): Pick<BuilderModel, 'metric' | 'aggregation' | 'reaggregation' | 'steps'> | string {
  const none = { metric: '', aggregation: '', reaggregation: 'none', steps: [] };
  if (!text.trim()) {
    return none;
  }
  const { tree, error } = parseOperations(text);
  if (error) {
    return `the operations do not parse (${error.message})`;
  }
  if (tree.form === 'json') {
    return 'the operations are in JSON form (the builder writes the string form)';
  }
  const steps: Step[] = [];
  let node = tree.root;
  for (let s = stepOf(node); s; s = stepOf(node)) {
    steps.unshift(s.step);
    node = s.operand;
  }
  let reaggregation = 'none';
  if (node.type === 'aggregate') {
    reaggregation = node.method.raw;
    node = node.operand;
  }
  if (node.type !== 'metric') {
    const what = node.type === 'apply' ? `the operator ${node.op.raw}` : `${node.type} at that place`;
    return `the operations use ${what}, which the builder does not offer there`;
  }
  if (node.pairs || node.refs.length !== 1) {
    return 'the operations reference several metrics (the builder shows one)';
  }
  const [ref] = node.refs;
  return { metric: ref.metric.raw, aggregation: ref.aggregation.raw, reaggregation, steps };
}

const same = (a: string, b: string, parse: (t: string) => { tree?: unknown }) =>
  JSON.stringify(withoutPositions(parse(a).tree)) === JSON.stringify(withoutPositions(parse(b).tree));

/** The builder's model of a saved query, or why the builder cannot show it exactly. */
export function fromQuery(q: GnocchiQuery): FromQuery {
  const mode = q.queryMode ?? 'resource_search';
  if (mode !== 'dynamic_aggregates') {
    return { reason: `the builder of this mode shows its fields as pickers` };
  }
  if ((q.fill ?? '') !== '' || (q.needed_overlap ?? '') !== '') {
    return { reason: 'the query sets fill or needed overlap, which the builder does not show' };
  }
  const search = conditionsFrom(q.resource_search ?? '');
  if (typeof search === 'string') {
    return { reason: search };
  }
  const ops = operationsFrom(q.operations ?? '');
  if (typeof ops === 'string') {
    return { reason: ops };
  }
  const model: BuilderModel = {
    ...search,
    ...ops,
    resourceType: (q.resource_type ?? '').trim(),
    groupby: (q.groupby ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean),
    granularity: q.granularity ?? '',
    label: q.label ?? '',
  };
  // The builder prints its own spelling: it shows the query only when that is the same query.
  if (!same(searchText(model), q.resource_search ?? '', parseSearch)) {
    return { reason: 'the resource search is written in a way the builder cannot print back' };
  }
  if (!same(operationsText(model), q.operations ?? '', parseOperations)) {
    return { reason: 'the operations are written in a way the builder cannot print back' };
  }
  return { model };
}

/** A value as the user sees it: a string literal without its quotes. */
export function shownValue(raw: string): string {
  const m = /^'([^']*)'$|^"([^"]*)"$/.exec(raw.trim());
  return m ? (m[1] ?? m[2]) : raw;
}

/**
 * A picked or typed value as a term of the string filter: variables and lists as written, else quoted;
 * under `in`, a single value becomes a one-element list.
 */
export function valueTerm(v: string, op = '='): string {
  const t = v.trim();
  if (isVariable(t) || t.startsWith('[')) {
    return t;
  }
  let term = t;
  if (!/^'[^']*'$|^"[^"]*"$/.test(t)) {
    try {
      term = quoteFilterValue(t);
    } catch {
      term = JSON.stringify(t);
    }
  }
  return op === 'in' ? `[${term}]` : term;
}
