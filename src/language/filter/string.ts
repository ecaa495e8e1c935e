/**
 * The string form of resource searches: a scanner that tries Gnocchi's value terms in Gnocchi's
 * order (null, boolean, UUID, name, number, quoted string, list) plus dashboard variables, and a
 * recursive-descent parser for `not` > `and` > `∧` > `or` > `∨` and parentheses.
 * Where pyparsing would silently read something else than the user meant (`notes = 'x'` is
 * `not es = 'x'`, `name = nonexistent` starts with `none`), this parser reports an error.
 */
import { fail, foundAt, show, variableAt, Word } from '../common';
import { checkCondition } from './checks';
import { FilterNode, PRECEDENCE, ScalarType, Term } from './tree';

const NULL = /None|none|null/y;
const BOOL = /False|True|false|true/y;
const UUID = /[0-9a-fA-F]{8}(?:-?[0-9a-fA-F]{4}){3}-?[0-9a-fA-F]{12}/y;
const IDENT = /[A-Za-z][A-Za-z0-9_]*/y;
const NUMBER = /[+-]?\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/y;
const OPERATOR = />=|<=|!=|==|≠|≥|≤|>|<|=|eq\b|ne\b|lt\b|gt\b|ge\b|le\b|in\b|like\b/y;
const WORD_CHAR = /[A-Za-z0-9_]/;
const LEVELS = Object.keys(PRECEDENCE).sort((a, b) => PRECEDENCE[a] - PRECEDENCE[b]);

function sticky(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(text)?.[0];
}

/** When an unquoted value runs into other characters (`compute-1`, `2024-01-01`): how to quote it. */
function quoteHint(text: string, pos: number): string {
  if (pos === 0 || !/[A-Za-z0-9_.]/.test(text[pos - 1]) || /[\s()]/.test(text[pos] ?? ' ')) {
    return '';
  }
  const start = pos - (/[A-Za-z0-9_.+-]*$/.exec(text.slice(0, pos))?.[0].length ?? 0);
  const end = pos + (/^[^\s()'"]*/.exec(text.slice(pos))?.[0].length ?? 0);
  const value = text.slice(start, end);
  return value.includes("'") ? '' : `: quote values that are not plain names or numbers ('${value}')`;
}

export function parseStringFilter(text: string): FilterNode {
  let pos = 0;
  const skip = () => {
    while (pos < text.length && /\s/.test(text[pos])) {
      pos++;
    }
  };
  const wordAt = (p: number) => sticky(/[A-Za-z0-9_]+/y, text, p) ?? '';

  /** A keyword (`and`, `or`, `not`) or symbol (`∧`, `∨`) at pos, whole. */
  function keyword(k: string): Word | undefined {
    skip();
    if (!text.startsWith(k, pos) || (/\w/.test(k) && WORD_CHAR.test(text[pos + k.length] ?? ''))) {
      return undefined;
    }
    const w = { value: k, raw: k, from: pos, to: pos + k.length };
    pos = w.to;
    return w;
  }

  function level(i: number): FilterNode {
    if (i >= LEVELS.length) {
      return unary();
    }
    const args = [level(i + 1)];
    let op: Word | undefined;
    let next: Word | undefined;
    while ((next = keyword(LEVELS[i]))) {
      op = op ?? next;
      args.push(level(i + 1));
    }
    return op ? { type: 'bool', op, args, from: args[0].from, to: args[args.length - 1].to } : args[0];
  }

  function unary(): FilterNode {
    skip();
    const not = keyword('not');
    if (not) {
      const operand = unary();
      return { type: 'not', op: not, operand, from: not.from, to: operand.to };
    }
    const w = wordAt(pos);
    if (w.startsWith('not') && w !== 'not') {
      fail(`Gnocchi reads ${show(w)} as "not ${w.slice(3)}": quote the name ('${w}')`, pos, pos + w.length);
    }
    if (text[pos] === '(') {
      const open = pos++;
      const inner = level(0);
      skip();
      if (text[pos] !== ')') {
        if (pos >= text.length) {
          fail('Unbalanced parentheses: this "(" is never closed', open, open + 1);
        }
        fail(`Expected "and", "or" or ")", found ${foundAt(text, pos)}${quoteHint(text, pos)}`, pos);
      }
      pos++;
      return inner;
    }
    return condition();
  }

  function condition(): FilterNode {
    skip();
    if (pos >= text.length) {
      fail("Expected a condition (attribute operator value), e.g. host = 'compute1'", pos);
    }
    const attr = term('an attribute name');
    skip();
    const from = pos;
    const raw = sticky(OPERATOR, text, pos);
    if (raw === '==') {
      fail('Gnocchi\'s string filter has no "==": write "="', from, from + 2);
    }
    if (!raw) {
      fail(
        `Expected an operator (=, !=, <, <=, >, >=, like, in) after ${show(attr.type === 'list' ? '[...]' : attr.raw)}, found ${foundAt(text, pos)}`,
        pos
      );
    }
    pos += raw.length;
    const op = { value: raw, raw, from, to: pos };
    const value = term('a value');
    checkCondition(attr, op, value);
    return { type: 'condition', attr, op, value, from: attr.from, to: value.to };
  }

  function scalar(type: ScalarType, raw: string, value: string | number | boolean | null, from: number): Term {
    pos = from + raw.length;
    return { type, raw, value, from, to: pos };
  }

  function term(what: string): Term {
    skip();
    const from = pos;
    const variable = variableAt(text, pos);
    if (variable) {
      return scalar('variable', variable, variable, from);
    }
    for (const [re, type] of [
      [NULL, 'null'],
      [BOOL, 'bool'],
    ] as const) {
      const m = sticky(re, text, pos);
      if (m) {
        const w = wordAt(pos);
        if (w !== m) {
          fail(`Gnocchi reads the start of ${show(w)} as ${m}: quote it ('${w}')`, from, from + w.length);
        }
        return scalar(type, m, type === 'null' ? null : m.toLowerCase() === 'true', from);
      }
    }
    const uuid = sticky(UUID, text, pos);
    if (uuid) {
      return scalar('uuid', uuid, uuid, from);
    }
    const ident = sticky(IDENT, text, pos);
    if (ident) {
      return scalar('ident', ident, ident, from);
    }
    const num = sticky(NUMBER, text, pos);
    if (num) {
      return scalar('number', num, Number(num), from);
    }
    const q = text[pos];
    if (q === '"' || q === "'") {
      return quoted(q, from);
    }
    if (q === '[') {
      return list(from);
    }
    return fail(
      `Expected ${what} (a name, a quoted string, a number, null, true, false, a [list] or a $variable), found ${foundAt(
        text,
        pos
      )}`,
      pos
    );
  }

  function quoted(q: string, from: number): Term {
    let end = from + 1;
    while (end < text.length && text[end] !== q && text[end] !== '\n' && text[end] !== '\r') {
      end++;
    }
    if (text[end] !== q) {
      fail(`Unterminated string: the closing ${q} is missing (Gnocchi's filter strings have no escapes)`, from, end);
    }
    return scalar('string', text.slice(from, end + 1), text.slice(from + 1, end), from);
  }

  function list(from: number): Term {
    pos++;
    const items: Term[] = [];
    skip();
    if (text[pos] !== ']') {
      for (;;) {
        items.push(term('a value'));
        skip();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          break;
        }
        if (pos >= text.length) {
          fail('Unbalanced brackets: this "[" is never closed', from, from + 1);
        }
        fail(`Expected "," or "]" in the list, found ${foundAt(text, pos)}`, pos);
      }
    }
    pos++;
    return { type: 'list', items, from, to: pos };
  }

  const root = level(0);
  skip();
  if (pos < text.length) {
    const w = wordAt(pos);
    const glued = ['and', 'or'].find((k) => w.startsWith(k) && w !== k);
    if (glued) {
      fail(
        `Gnocchi reads ${show(w)} as "${glued} ${w.slice(glued.length)}": add a space or quote`,
        pos,
        pos + w.length
      );
    }
    fail(`Expected "and", "or" or the end of the filter, found ${foundAt(text, pos)}${quoteHint(text, pos)}`, pos);
  }
  return root;
}
