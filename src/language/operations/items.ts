/**
 * The two surface forms of operations read into one shape, nested lists of atoms, which
 * `build.ts` checks against Gnocchi's schema:
 * - the string form, `(aggregate mean (metric cpu mean))`: Gnocchi reads it with pyparsing's
 *   `nestedExpr()` (tokens separated by blanks and parentheses, quoted strings kept WITH their
 *   quotes, anything after the first expression ignored);
 * - the JSON form, `["aggregate", "mean", ["metric", "cpu", "mean"]]`.
 */
import { fail, foundAt, Span } from '../common';
import { JsonNode, parseJson } from '../json';
import type { Word } from './tree';

export type Item =
  (Word & { kind: 'atom'; json?: 'string' | 'number' | 'variable' }) | (Span & { kind: 'list'; items: Item[] });

/** Tokens of the string form: `(`, `)` and words. */
export function tokenize(text: string): Array<Span & { text: string }> {
  const tokens: Array<Span & { text: string }> = [];
  let pos = 0;
  while (pos < text.length) {
    const c = text[pos];
    if (/\s/.test(c)) {
      pos++;
      continue;
    }
    const from = pos;
    if (c === '(' || c === ')') {
      pos++;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, pos + 1);
      const line = text.slice(pos + 1, end < 0 ? text.length : end).search(/[\r\n]/);
      if (end < 0 || line >= 0) {
        fail(`Unterminated quote: the closing ${c} is missing`, from, end < 0 ? text.length : pos + 1 + line);
      }
      fail(
        `Gnocchi keeps the quotes of ${text.slice(from, end + 1)} in the string form (it would look for a name ` +
          'with quotes): write names without quotes, or use the JSON form ["metric", "my name", "mean"]',
        from,
        end + 1
      );
    } else {
      while (pos < text.length && !/[\s()"']/.test(text[pos])) {
        pos++;
      }
    }
    tokens.push({ text: text.slice(from, pos), from, to: pos });
  }
  return tokens;
}

/** Reads the string form into items. */
export function readString(text: string): Item {
  const tokens = tokenize(text);
  if (!tokens.length) {
    fail('Expected an operation, e.g. (aggregate mean (metric cpu mean))', 0, text.length);
  }
  if (tokens[0].text !== '(') {
    fail(`Expected "(" to start an operation, found ${foundAt(text, tokens[0].from)}`, tokens[0].from, tokens[0].to);
  }
  const stack: Array<Span & { kind: 'list'; items: Item[] }> = [];
  let root: Item | undefined;
  for (const t of tokens) {
    if (root && t.text === ')') {
      fail('Unbalanced parentheses: this ")" has no matching "("', t.from, t.to);
    }
    if (root) {
      fail('Expected the end of the operations after the closing ")" (Gnocchi would ignore the rest)', t.from, t.to);
    }
    if (t.text === '(') {
      stack.push({ kind: 'list', items: [], from: t.from, to: t.to });
    } else if (t.text === ')') {
      const list = stack.pop();
      if (!list) {
        fail('Unbalanced parentheses: this ")" has no matching "("', t.from, t.to);
      }
      list.to = t.to;
      if (stack.length) {
        stack[stack.length - 1].items.push(list);
      } else {
        root = list;
      }
    } else {
      stack[stack.length - 1].items.push({ kind: 'atom', value: t.text, raw: t.text, from: t.from, to: t.to });
    }
  }
  if (!root) {
    const open = stack[stack.length - 1];
    return fail('Unbalanced parentheses: this "(" is never closed', open.from, open.from + 1);
  }
  return root;
}

/** Reads the JSON form into items (numbers and strings become atoms; anything else is an error). */
export function readJson(text: string): Item {
  return fromJson(parseJson(text));
}

function fromJson(node: JsonNode): Item {
  switch (node.kind) {
    case 'array':
      return { kind: 'list', items: node.items.map(fromJson), from: node.from, to: node.to };
    case 'string':
    case 'number':
    case 'variable':
      return { kind: 'atom', value: String(node.value), raw: node.raw, json: node.kind, from: node.from, to: node.to };
    default:
      return fail(
        `Expected an operation list, a name or a number, found ${node.kind === 'object' ? 'an object' : node.raw}`,
        node.from,
        node.to
      );
  }
}
