/**
 * A JSON reader that keeps source positions (for errors and completion in JSON operations and
 * JSON searches), plus one extension: a bare dashboard-variable reference (`$hosts`, `${id}`,
 * `[[v]]`) where a value may stand, which the datasource replaces by a JSON value before sending.
 */
import { fail, foundAt, Span, variableAt } from './common';

export type JsonNode =
  | (Span & { kind: 'string'; value: string; raw: string })
  | (Span & { kind: 'number'; value: number; raw: string })
  | (Span & { kind: 'bool'; value: boolean; raw: string })
  | (Span & { kind: 'null'; value: null; raw: string })
  | (Span & { kind: 'variable'; value: string; raw: string })
  | (Span & { kind: 'array'; items: JsonNode[] })
  | (Span & { kind: 'object'; entries: JsonEntry[] });

export interface JsonEntry {
  key: Extract<JsonNode, { kind: 'string' }>;
  value: JsonNode;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

/** Parses `text` (the whole of it) as JSON; throws ParseError with the position of the first error. */
export function parseJson(text: string): JsonNode {
  let pos = 0;
  const skip = () => {
    while (pos < text.length && /\s/.test(text[pos])) {
      pos++;
    }
  };
  const expect = (what: string): never => fail(`Expected ${what}, found ${foundAt(text, pos)}`, pos);

  function string(): Extract<JsonNode, { kind: 'string' }> {
    const from = pos;
    let i = pos + 1;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        i++;
      } else if (text.charCodeAt(i) < 0x20) {
        fail('Line break or control character inside a JSON string (write \\n)', i);
      }
      i++;
    }
    if (i >= text.length) {
      fail('Unterminated string: the closing " is missing', from, text.length);
    }
    const raw = text.slice(from, i + 1);
    let value: string;
    try {
      value = JSON.parse(raw);
    } catch {
      return fail(`Invalid escape in the JSON string ${raw}`, from, i + 1);
    }
    pos = i + 1;
    return { kind: 'string', value, raw, from, to: pos };
  }

  function value(): JsonNode {
    skip();
    const from = pos;
    const c = text[pos];
    if (c === '"') {
      return string();
    }
    const variable = variableAt(text, pos);
    if (variable) {
      pos += variable.length;
      return { kind: 'variable', value: variable, raw: variable, from, to: pos };
    }
    if (c === '[' || c === '{') {
      return container(c);
    }
    for (const re of [NUMBER, LITERAL]) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (m && !/[A-Za-z0-9_]/.test(text[pos + m[0].length] ?? '')) {
        pos += m[0].length;
        const raw = m[0];
        if (re === NUMBER) {
          return { kind: 'number', value: Number(raw), raw, from, to: pos };
        }
        return raw === 'null'
          ? { kind: 'null', value: null, raw, from, to: pos }
          : { kind: 'bool', value: raw === 'true', raw, from, to: pos };
      }
    }
    return expect('a JSON value (string, number, true, false, null, [ or {)');
  }

  function container(open: '[' | '{'): JsonNode {
    const from = pos;
    const close = open === '[' ? ']' : '}';
    pos++;
    const items: JsonNode[] = [];
    const entries: JsonEntry[] = [];
    skip();
    if (text[pos] === close) {
      pos++;
      return open === '[' ? { kind: 'array', items, from, to: pos } : { kind: 'object', entries, from, to: pos };
    }
    for (;;) {
      if (open === '[') {
        items.push(value());
      } else {
        skip();
        if (text[pos] !== '"') {
          expect('a key in double quotes');
        }
        const key = string();
        skip();
        if (text[pos] !== ':') {
          expect(`":" after the key ${key.raw}`);
        }
        pos++;
        entries.push({ key, value: value() });
      }
      skip();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === close) {
        pos++;
        break;
      }
      if (pos >= text.length) {
        fail(`Unbalanced ${open}: expected "," or "${close}" before the end of the text`, from, from + 1);
      }
      expect(`"," or "${close}"`);
    }
    return open === '[' ? { kind: 'array', items, from, to: pos } : { kind: 'object', entries, from, to: pos };
  }

  const root = value();
  skip();
  if (pos < text.length) {
    expect('the end of the text');
  }
  return root;
}

/** JSON text of a node (compact, `, ` and `: ` separators); raw leaves as written. */
export function printJson(node: JsonNode): string {
  switch (node.kind) {
    case 'array':
      return `[${node.items.map(printJson).join(', ')}]`;
    case 'object':
      return `{${node.entries.map((e) => `${e.key.raw}: ${printJson(e.value)}`).join(', ')}}`;
    default:
      return node.raw;
  }
}

/** A leaf for a string value (raw = JSON encoding). */
export function jsonString(value: string, from = 0, to = 0): Extract<JsonNode, { kind: 'string' }> {
  return { kind: 'string', value, raw: JSON.stringify(value), from, to };
}
