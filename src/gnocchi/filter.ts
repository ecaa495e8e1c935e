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
 * `interpolateStringSearch` (stringSearch.ts) reads `"$host"` / `'${host}'` / `'[[host]]'` as bare references.
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

export function withVariable<T>(variable: unknown, fn: () => T): T {
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
 * Grafana interpolation format for a bare reference in a JSON filter: single value → `"v"`,
 * multi-value → `["a","b"]` (JSON.stringify, so any value is safe), e.g. `{"in": {"host": $host}}`.
 */
export function formatJsonFilterVariable(value: string | string[] | number | number[], variable?: unknown): string {
  const list = asList(value, variable);
  return JSON.stringify(list ?? String(value));
}

/** A Grafana format function, as `templateSrv.replace` calls it. */
export type VariableFormat = (value: string | string[] | number | number[], variable?: unknown) => string;

/** `templateSrv.replace(text, scopedVars, format)` with the scoped variables bound. */
export type Replace = (text: string, format: VariableFormat) => string;

// "$name", "${name}", "[[name]]" as the whole content of a JSON string (no `:format`).
export const WHOLE_REFERENCE = /^(\$[A-Za-z0-9_]+|\$\{[A-Za-z0-9_.]+\}|\[\[[A-Za-z0-9_.]+\]\])$/;

type Place = { kind: 'in' | 'in-element' | 'one'; attr?: string };
type Frame = { array: boolean; key?: string; expectKey: boolean };

function placeOf(stack: Frame[]): Place {
  const [top, parent, grand] = [stack[stack.length - 1], stack[stack.length - 2], stack[stack.length - 3]];
  if (top && !top.array && parent?.key === 'in') {
    return { kind: 'in', attr: top.key };
  }
  if (top?.array && parent && !parent.array && grand?.key === 'in') {
    return { kind: 'in-element', attr: parent.key };
  }
  return { kind: 'one', attr: top && !top.array ? top.key : undefined };
}

/** The format of a quoted reference (`"$host"`) at `place`: the whole JSON string is replaced. */
function quotedFormat(place: Place): VariableFormat {
  return (value, variable) =>
    withVariable(variable, () => {
      const list = Array.isArray(value) ? value.map(String) : [String(value)];
      if (place.kind !== 'one') {
        if (!list.length) {
          throw new FilterValueError('no value selected (Gnocchi\'s "in" needs at least one)');
        }
        const items = list.map((v) => JSON.stringify(v)).join(',');
        return place.kind === 'in' ? `[${items}]` : items;
      }
      return JSON.stringify(oneValue(list, place));
    });
}

function oneValue(list: string[], place: Place): string {
  if (list.length === 1) {
    return list[0];
  }
  if (!list.length) {
    throw new FilterValueError('no value selected');
  }
  const use = place.attr ? ` (for several, {"in": {"${place.attr}": "$var"}})` : '';
  throw new FilterValueError(`${list.length} values (${list.join(', ')}) where the JSON search takes one string${use}`);
}

/** The format of a reference inside a longer JSON string (`"web-$env"`, a key): one raw value. */
function innerFormat(place: Place): VariableFormat {
  return (value, variable) =>
    withVariable(variable, () => oneValue(Array.isArray(value) ? value.map(String) : [String(value)], place));
}

/**
 * Interpolates a JSON resource search. The text is scanned as JSON so that every reference is
 * replaced according to where it stands, and no value can change the JSON structure:
 * - a string that is exactly one reference (`"$host"`, the old plugin's form) becomes a JSON
 *   string of the value; under `in` (`{"in": {"host": "$hosts"}}`) it becomes the list of the
 *   values, and as an element of an `in` list (`["a", "$hosts"]`) the values are spliced in;
 *   elsewhere several values are an error (Gnocchi's comparisons take one scalar);
 * - a reference inside a longer string (`"web-$env"`, a key) is replaced in the decoded string,
 *   which is then re-encoded with JSON.stringify (whatever format the user chose);
 * - a bare reference outside strings gets `formatJsonFilterVariable` (a JSON value or list).
 * Malformed text is left for `parseFilter` to report.
 */
export function interpolateJsonSearch(text: string, replace: Replace): string {
  const stack: Frame[] = [];
  let out = '';
  let bare = '';
  const flushBare = () => {
    out += bare && replace(bare, formatJsonFilterVariable);
    bare = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c !== '"') {
      bare += c;
      if (c === '{' || c === '[') {
        stack.push({ array: c === '[', expectKey: c === '{' });
      } else if (c === '}' || c === ']') {
        stack.pop();
      } else if (top && !top.array && (c === ',' || c === ':')) {
        top.expectKey = c === ',';
      }
      continue;
    }
    let end = i + 1;
    while (end < text.length && text[end] !== '"') {
      end += text[end] === '\\' ? 2 : 1;
    }
    flushBare();
    if (end >= text.length) {
      out += text.slice(i); // unterminated string: left as is, for parseFilter to report
      break;
    }
    const literal = text.slice(i, end + 1);
    i = end;
    let decoded: string;
    try {
      decoded = JSON.parse(literal);
    } catch {
      out += literal;
      continue;
    }
    const isKey = Boolean(top && !top.array && top.expectKey);
    if (isKey) {
      top.key = decoded;
    }
    const place = isKey ? { kind: 'one' as const } : placeOf(stack);
    if (!isKey && WHOLE_REFERENCE.test(decoded)) {
      const replaced = replace(decoded, quotedFormat(place));
      out += replaced === decoded ? literal : replaced;
      continue;
    }
    const replaced = replace(decoded, innerFormat(place));
    out += replaced === decoded ? literal : JSON.stringify(replaced);
  }
  flushBare();
  return out;
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
