/**
 * Ad hoc filters (and other clauses such as an annotation's time range) folded into a resource
 * search as an `and`. A clause is Gnocchi's JSON filter; against a JSON search the result is
 * `{"and": [search, ...clauses]}` (JSON.stringify: no value can change the structure), against a
 * string search it is `(search) and clause ...` with every value quoted by `quoteFilterValue` (a
 * value the string grammar cannot hold is an error, never a wider search). Attribute names must
 * be identifiers. Pure: no Grafana services.
 */
import type { AdHocVariableFilter } from '@grafana/data';

import { FilterValueError, parseFilter, quoteFilterValue } from '../gnocchi/filter';
import type { GnocchiQuery } from '../types';
import { referencesMetricIds } from './requests';

export type Clause = { [op: string]: unknown };
type Scalar = string | number | boolean | null;

const COMPARISONS = ['=', '!=', '<', '<=', '>', '>=', 'like'];
const KEYWORDS = ['and', 'or', 'not', 'in', 'like', 'null', 'none', 'true', 'false'];

/** An attribute name usable in both filter syntaxes. */
export function attributeName(key: string): string {
  const k = key.trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || KEYWORDS.includes(k.toLowerCase())) {
    throw new FilterValueError(`"${key}" is not a resource attribute name (letters, digits and _ only)`);
  }
  return k;
}

function literal(v: Scalar): string {
  if (v === null) {
    return 'null';
  }
  if (typeof v === 'number' || typeof v === 'boolean') {
    return String(v);
  }
  return quoteFilterValue(v);
}

/**
 * A JSON clause written in Gnocchi's string filter grammar, with as few parentheses as the
 * precedence (not > and > or) allows: Gnocchi's parser (pyparsing, no packrat) takes time
 * exponential in the nesting depth of parentheses (measured on 4.4.2: depth 1 under 2 s, depth 2
 * about 10 s, depth 3 over 30 s).
 */
export function clauseToString(c: Clause): string {
  const [op, arg] = Object.entries(c)[0] ?? [];
  if (op === 'and' || op === 'or') {
    const parts = (arg as Clause[]).map((x) => {
      const inner = clauseToString(x);
      return op === 'and' && Object.keys(x)[0] === 'or' ? `(${inner})` : inner;
    });
    return parts.join(` ${op} `);
  }
  if (op === 'not') {
    const inner = arg as Clause;
    const key = Object.keys(inner)[0];
    return key === 'and' || key === 'or' ? `not (${clauseToString(inner)})` : `not ${clauseToString(inner)}`;
  }
  const [attr, value] = Object.entries(arg as Record<string, unknown>)[0];
  const name = attributeName(attr);
  if (op === 'in') {
    return `${name} in [${(value as Scalar[]).map(literal).join(', ')}]`;
  }
  if (!COMPARISONS.includes(op)) {
    throw new FilterValueError(`Unknown filter operator "${op}"`);
  }
  return `${name} ${op} ${literal(value as Scalar)}`;
}

/** Whether a string search has `or` outside parentheses and quoted literals (then `and` needs them). */
export function hasTopLevelOr(search: string): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < search.length; i++) {
    const ch = search[i];
    if (quote) {
      quote = ch === quote ? '' : quote;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === '(' || ch === '[') {
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
    } else if (
      depth === 0 &&
      (ch === '∨' || (ch === 'o' && /^or\b/.test(search.slice(i, i + 3)) && !/\w/.test(search[i - 1] ?? '')))
    ) {
      return true;
    }
  }
  return false;
}

/** `and` clauses flattened into their parts (`a and (b and c)` is `a and b and c`). */
function flatten(clauses: Clause[]): Clause[] {
  return clauses.flatMap((c) => (Object.keys(c)[0] === 'and' ? flatten((c as { and: Clause[] }).and) : [c]));
}

/** `search` (string, JSON or blank) and every clause. */
export function andIntoSearch(search: string | undefined, clauses: Clause[]): string {
  if (!clauses.length) {
    return search ?? '';
  }
  const parsed = parseFilter(search);
  if (parsed.kind === 'string') {
    const head = hasTopLevelOr(parsed.value) ? `(${parsed.value})` : parsed.value;
    return [head, clauseToString({ and: flatten(clauses) })].join(' and ');
  }
  const all = parsed.kind === 'json' ? [parsed.value as Clause, ...clauses] : clauses;
  return JSON.stringify(all.length === 1 ? all[0] : { and: all });
}

/** One ad hoc filter as a Gnocchi clause (`=|` / `!=|`: several values, `in` / not `in`). */
export function filterClause(f: AdHocVariableFilter): Clause {
  try {
    return clauseOf(f);
  } catch (e) {
    throw new FilterValueError(`Ad hoc filter on ${f.key}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function clauseOf(f: AdHocVariableFilter): Clause {
  const attr = attributeName(f.key);
  const values = f.values?.length ? f.values : [f.value];
  switch (f.operator) {
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return { [f.operator]: { [attr]: f.value } };
    case '=|':
      return { in: { [attr]: values } };
    case '!=|':
      return { not: { in: { [attr]: values } } };
    default:
      throw new FilterValueError(
        `Gnocchi has no operator ${f.operator} (regular expressions); use =, !=, <, >, or =| for several values`
      );
  }
}

/** Modes whose query has a resource search the filters narrow (resource and metric ids have none). */
const SEARCH_MODES = ['dynamic_aggregates', 'resource_search', 'resource_aggregation'];

/** Whether the query searches resources: not by id, nor dynamic aggregates over metric ids alone. */
function hasResourceSearch(q: GnocchiQuery): boolean {
  const mode = q.queryMode ?? 'resource_search';
  if (mode !== 'dynamic_aggregates') {
    return SEARCH_MODES.includes(mode);
  }
  return Boolean(
    (q.resource_search ?? '').trim() || (q.groupby ?? '').trim() || !referencesMetricIds(q.operations ?? '')
  );
}

/** The query with the active ad hoc filters folded into its search (same object when there are none). */
export function applyAdhocFilters(q: GnocchiQuery, filters: AdHocVariableFilter[] | undefined): GnocchiQuery {
  if (!filters?.length || !hasResourceSearch(q)) {
    return q;
  }
  return { ...q, resource_search: andIntoSearch(q.resource_search, filters.map(filterClause)) };
}

/** Explore's filter for / filter out a value: `attr = 'v'` or `attr != 'v'` added to the search. */
export function addFilter(q: GnocchiQuery, key: string, value: string, negate: boolean): GnocchiQuery {
  if (!hasResourceSearch(q)) {
    return q;
  }
  return {
    ...q,
    resource_search: andIntoSearch(q.resource_search, [{ [negate ? '!=' : '=']: { [attributeName(key)]: value } }]),
  };
}
