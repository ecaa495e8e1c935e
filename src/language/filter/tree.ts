/**
 * The syntax tree of Gnocchi's resource search filters, shared by the string form
 * (`host = 'a' and not flavor_name in ['x', 'y']`) and the JSON form
 * (`{"and": [{"=": {"host": "a"}}, ...]}`); Gnocchi 4.4.2 `gnocchi/rest/api.py`
 * (QueryStringSearchAttrFilter, _ResourceSearchSchema).
 */
import type { Span, Word } from '../common';

export type { Word };

export type ScalarType = 'null' | 'bool' | 'number' | 'string' | 'uuid' | 'ident' | 'variable';

/** A value or an attribute name; `raw` as written (string literals with their quotes). */
export type Term =
  | (Span & { type: ScalarType; value: string | number | boolean | null; raw: string })
  | (Span & { type: 'list'; items: Term[] });

export type FilterNode =
  | (Span & { type: 'condition'; attr: Term; op: Word; value: Term })
  | (Span & { type: 'not'; op: Word; operand: FilterNode })
  /** `and`/`∧`/`or`/`∨` with two or more operands. */
  | (Span & { type: 'bool'; op: Word; args: FilterNode[] })
  /** No condition: every resource (blank string filter, `{}`). */
  | (Span & { type: 'all' });

export type FilterForm = 'string' | 'json';

export interface FilterTree extends Span {
  form: FilterForm;
  root: FilterNode;
}

/** Comparison operators of both forms (the string form cannot parse `==`). */
export const COMPARISON_OPERATORS = [
  '=', '==', 'eq', '<', 'lt', '>', 'gt', '<=', '≤', 'le', '>=', '≥', 'ge', '!=', '≠', 'ne',
]; // prettier-ignore

/** Operators of a condition: comparisons, `like` (SQL pattern) and `in` (a list). */
export const CONDITION_OPERATORS = [...COMPARISON_OPERATORS, 'like', 'in'];

export const BOOLEAN_OPERATORS = ['and', '∧', 'or', '∨'];

/** Binding strength in the string form: not > and > ∧ > or > ∨ (pyparsing infixNotation order). */
export const PRECEDENCE: Record<string, number> = { '∨': 0, or: 1, '∧': 2, and: 3 };

/** Attribute name of a condition (for an attribute written as a name, a string or a variable). */
export function attributeName(t: Term): string | undefined {
  return t.type === 'ident' || t.type === 'string' || t.type === 'variable' ? String(t.value) : undefined;
}
