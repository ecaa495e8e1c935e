/**
 * Shared pieces of the two query languages (operations, resource search): positions, errors,
 * dashboard-variable references.
 */

/** A source range: offsets into the text, `to` exclusive. */
export interface Span {
  from: number;
  to: number;
}

/** A token: `value` as the server reads it, `raw` as written (JSON strings keep their quotes). */
export interface Word extends Span {
  value: string;
  raw: string;
}

/** A validation error: the first one in the text, with the range to underline. */
export interface LanguageError extends Span {
  message: string;
}

export class ParseError extends Error implements LanguageError {
  constructor(
    message: string,
    public from: number,
    public to: number
  ) {
    super(message);
  }
}

export function fail(message: string, from: number, to = from + 1): never {
  throw new ParseError(message, from, Math.max(to, from));
}

export type ParseResult<T> = { tree: T; error?: undefined } | { tree?: undefined; error: LanguageError };

/** Runs a parser of `text`, turning a ParseError into a result (its range kept inside the text). */
export function attempt<T>(text: string, fn: () => T): ParseResult<T> {
  try {
    return { tree: fn() };
  } catch (e) {
    if (e instanceof ParseError) {
      const from = Math.min(e.from, text.length);
      return { error: { message: e.message, from, to: Math.min(Math.max(e.to, from), text.length) } };
    }
    throw e;
  }
}

/**
 * A dashboard-variable reference as Grafana writes them: `$var`, `${var}`, `${var:fmt}`,
 * `${var.field}`, `[[var]]`, `[[var:fmt]]` (the same forms as Grafana's variable regex).
 */
export const VARIABLE_SOURCE = String.raw`\$\{[A-Za-z0-9_]+(?:\.[^:}]+)?(?::[^}]+)?\}|\[\[[A-Za-z0-9_]+(?::[A-Za-z0-9_]+)?\]\]|\$[A-Za-z0-9_]+`;

const WHOLE_VARIABLE = new RegExp(`^(?:${VARIABLE_SOURCE})$`);
const ANY_VARIABLE = new RegExp(VARIABLE_SOURCE);
const STICKY_VARIABLE = new RegExp(VARIABLE_SOURCE, 'y');

/** Is `text` exactly one variable reference? */
export function isVariable(text: string): boolean {
  return WHOLE_VARIABLE.test(text);
}

/** Does `text` contain a variable reference (its value is known only after interpolation)? */
export function hasVariable(text: string): boolean {
  return ANY_VARIABLE.test(text);
}

/** The variable reference starting at `pos`, if any. */
export function variableAt(text: string, pos: number): string | undefined {
  STICKY_VARIABLE.lastIndex = pos;
  return STICKY_VARIABLE.exec(text)?.[0];
}

/** The name of a variable reference (`${host:csv}` → `host`). */
export function variableName(ref: string): string {
  return ref.replace(/^\$\{|^\[\[|^\$/, '').replace(/[.:].*$|\}$|\]\]$/, '');
}

/** Removes `from`/`to` everywhere: trees compared regardless of layout. */
export function withoutPositions<T>(tree: T): T {
  if (Array.isArray(tree)) {
    return tree.map(withoutPositions) as T;
  }
  if (tree && typeof tree === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(tree)) {
      if (k !== 'from' && k !== 'to') {
        out[k] = withoutPositions(v);
      }
    }
    return out as T;
  }
  return tree;
}

/** How a token is shown in a message: quoted and shortened. */
export function show(text: string): string {
  return text.length > 40 ? `"${text.slice(0, 37)}..."` : `"${text}"`;
}

/** The token at `pos` for messages: up to the next space or bracket, or "end of text". */
export function foundAt(text: string, pos: number): string {
  if (pos >= text.length) {
    return 'the end of the text';
  }
  const m = /^(?:[^\s()[\]{},]+|.)/su.exec(text.slice(pos));
  return show(m ? m[0] : text[pos]);
}
