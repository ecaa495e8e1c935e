/**
 * Gnocchi resource-search filters: string grammar quoting, template-variable formats, parsing.
 *
 * Quoting rule (Gnocchi 4.4.2, `gnocchi/rest/api.py`, class `QueryStringSearchAttrFilter`):
 *
 *     quoted_string = pyparsing.QuotedString('"') | pyparsing.QuotedString("'")
 *     in_list = pyparsing.Group(Suppress('[') + Optional(delimitedList(comparison_term)) + Suppress(']'))
 *
 * `QuotedString` is built without `escChar` / `escQuote`, so its regex (pyparsing 3.0.9) is
 * `'(?:[^'\n\r])*'`: there is NO escape at all. `'a''b'` and `'a\'b'` are parse errors, and a
 * backslash is an ordinary character (checked with Debian's gnocchi 4.4.2 + pyparsing 3.0.9).
 * Hence:
 * - a value without `'` is written `'value'`;
 * - a value containing `'` but no `"` is written `"value"`;
 * - a value containing both quote kinds, CR or LF cannot be written in the string grammar: we
 *   throw rather than emit something that could change the meaning of the filter (use the JSON
 *   filter syntax for such values).
 * Since the literal always ends at the first matching quote and the value contains none, a value
 * such as `x' or host = 'y` can never escape its literal to widen the search.
 *
 * Template variables (`formatFilterVariable`): a single value becomes a quoted literal (`'v'`), a
 * multi-value (array, or a variable defined as multi / include-all) becomes a list `['a', 'b']`,
 * which is the `in` operand: write `host = $host` for single-value variables and
 * `host in $host` for multi-value ones (the old plugin's convention, PR #31: multi-value →
 * `["a", "b"]`). Do not write `host in [$host]` (that nests lists). Old dashboards also quoted
 * single values themselves (`host = "$host"`, the old format inserted them raw):
 * `unquoteVariableReferences` rewrites `"$host"` / `'${host}'` / `'[[host]]'` to bare references.
 */

export class FilterValueError extends Error {}

/** A string literal of Gnocchi's string filter grammar that denotes exactly `v`. */
export function quoteFilterValue(v: string): string {
  if (v.includes('\n') || v.includes('\r')) {
    throw new FilterValueError(
      `Value ${JSON.stringify(v)} contains a line break: not allowed in a Gnocchi string filter`
    );
  }
  if (!v.includes("'")) {
    return `'${v}'`;
  }
  if (!v.includes('"')) {
    return `"${v}"`;
  }
  throw new FilterValueError(
    `Value ${JSON.stringify(v)} contains both ' and ": Gnocchi string filters cannot express it, use a JSON filter`
  );
}

/** The part of a Grafana variable model the formats look at. */
export interface FilterVariableInfo {
  name?: string;
  multi?: boolean;
  includeAll?: boolean;
}

function isMultiVariable(variable: unknown): boolean {
  if (variable === null || typeof variable !== 'object') {
    return false;
  }
  const v = variable as FilterVariableInfo;
  return Boolean(v.multi || v.includeAll);
}

function variableName(variable: unknown): string | undefined {
  if (typeof variable === 'string') {
    return variable;
  }
  if (variable !== null && typeof variable === 'object') {
    const name = (variable as FilterVariableInfo).name;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}

function withVariable<T>(variable: unknown, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const name = variableName(variable);
    if (name && e instanceof Error) {
      throw new FilterValueError(`Variable $${name}: ${e.message}`);
    }
    throw e;
  }
}

function asList(value: string | string[] | number | number[], variable: unknown): string[] | undefined {
  if (Array.isArray(value)) {
    return value.map(String);
  }
  return isMultiVariable(variable) ? [String(value)] : undefined;
}

/**
 * Grafana interpolation format for a string filter (`templateSrv.replace(text, vars, fn)`):
 * single value → `'v'`, multi-value → `['a', 'b']` (empty selection: an error, since Gnocchi
 * rejects `in []`). `variable` is Grafana's variable model (or its name), used for messages and
 * `multi` / `includeAll`.
 */
export function formatFilterVariable(value: string | string[] | number | number[], variable?: unknown): string {
  return withVariable(variable, () => {
    const list = asList(value, variable);
    if (!list) {
      return quoteFilterValue(String(value));
    }
    if (!list.length) {
      throw new FilterValueError('no value selected');
    }
    return `[${list.map(quoteFilterValue).join(', ')}]`;
  });
}

/**
 * Grafana interpolation format for a JSON filter: single value → `"v"`, multi-value →
 * `["a","b"]` (JSON.stringify, so any value is safe), e.g. `{"in": {"host": $host}}`.
 */
export function formatJsonFilterVariable(value: string | string[] | number | number[], variable?: unknown): string {
  const list = asList(value, variable);
  return JSON.stringify(list ?? String(value));
}

// "$name", '${name}', "[[name]]" exactly (no `:format`, which the user chose explicitly).
const QUOTED_REFERENCE = /(["'])(\$[A-Za-z0-9_]+|\$\{[A-Za-z0-9_.]+\}|\[\[[A-Za-z0-9_.]+\]\])\1/g;

/**
 * Old dashboards quoted variables themselves (`host = "$host"`), because the old plugin inserted
 * single values raw. With `formatFilterVariable` quoting values, those quotes must go:
 * `"$host"` → `$host`. References inside longer literals (`'web-$env'`) are left alone.
 */
export function unquoteVariableReferences(filter: string): string {
  return filter.replace(QUOTED_REFERENCE, '$2');
}

/** Whether a resource search is in JSON syntax (trimmed text starts with `{`). */
export function isJsonFilter(text: string): boolean {
  return text.trim().startsWith('{');
}

export type ParsedFilter = { kind: 'json'; value: object } | { kind: 'string'; value: string } | { kind: 'empty' };

/** Classifies (and for JSON, parses) a resource search. Blank → `empty` (all resources). */
export function parseFilter(text: string | undefined | null): ParsedFilter {
  const trimmed = (text ?? '').trim();
  if (!trimmed) {
    return { kind: 'empty' };
  }
  if (!trimmed.startsWith('{')) {
    return { kind: 'string', value: trimmed };
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (e) {
    throw new Error(`Invalid JSON in resource search: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('Invalid JSON in resource search: expected an object');
  }
  return { kind: 'json', value };
}
