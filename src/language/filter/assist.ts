/**
 * Completion and highlighting of resource searches (both forms) from a tolerant scan of
 * incomplete text: each token gets its place (attribute, operator, value, boolean keyword).
 */
import { byPrefix, CompletionContext, CompletionItem, HighlightToken, HighlightType, variableItems } from '../assist';
import { Span, variableAt } from '../common';
import { completeJson, highlightJson, items } from './assistJson';
import { BOOLEAN_OPERATORS, CONDITION_OPERATORS } from './tree';

export type Place = 'attribute' | 'operator' | 'value' | 'list' | 'after' | 'listAfter';

interface Token extends Span {
  text: string;
  kind: 'word' | 'string' | 'symbol' | 'punct' | 'variable' | 'invalid';
  place: Place;
  /** Closed string literal. */
  closed?: boolean;
}

const SYMBOL = />=|<=|!=|==|≠|≥|≤|>|<|=/y;
const WORD = /[A-Za-z0-9_.:+-]+/y;
const WORD_OPERATORS = ['eq', 'ne', 'lt', 'gt', 'ge', 'le', 'in', 'like'];

function sticky(re: RegExp, text: string, pos: number) {
  re.lastIndex = pos;
  return re.exec(text)?.[0];
}

/** Scans the string form: tokens with their places, and the place (attribute, operator) after the last one. */
export function scanStringSearch(text: string) {
  const tokens: Token[] = [];
  let place: Place = 'attribute';
  let attribute = '';
  let operator = '';
  let pos = 0;
  while (pos < text.length) {
    if (/\s/.test(text[pos])) {
      pos++;
      continue;
    }
    const from = pos;
    const c = text[pos];
    let kind: Token['kind'];
    let closed: boolean | undefined;
    const v = variableAt(text, pos);
    const sym = sticky(SYMBOL, text, pos);
    if (v) {
      kind = 'variable';
      pos += v.length;
    } else if (c === '"' || c === "'") {
      const end = text.indexOf(c, pos + 1);
      closed = end >= 0;
      pos = closed ? end + 1 : text.length;
      kind = 'string';
    } else if (sym || c === '∧' || c === '∨') {
      kind = 'symbol';
      pos += sym ? sym.length : 1;
    } else if ('()[],'.includes(c)) {
      kind = 'punct';
      pos++;
    } else {
      const w = sticky(WORD, text, pos);
      kind = w ? 'word' : 'invalid';
      pos += w ? w.length : 1;
    }
    const t = text.slice(from, pos);
    tokens.push({ text: t, kind, from, to: pos, place, closed });
    const scalar = kind === 'word' || kind === 'string' || kind === 'variable';
    if (place === 'attribute') {
      place = t === 'not' || t === '(' ? 'attribute' : scalar ? 'operator' : place;
      attribute = scalar ? (kind === 'string' ? t.slice(1, closed ? -1 : undefined) : t) : attribute;
    } else if (place === 'operator') {
      operator = t;
      place = kind === 'symbol' || WORD_OPERATORS.includes(t) ? 'value' : place;
    } else if (place === 'value') {
      place = t === '[' ? 'list' : scalar ? 'after' : place;
    } else if (place === 'list' || place === 'listAfter') {
      place = t === ']' ? 'after' : t === ',' ? 'list' : scalar ? 'listAfter' : place;
    } else if (BOOLEAN_OPERATORS.includes(t)) {
      place = 'attribute';
    }
  }
  return { tokens, place, attribute, operator };
}

/** A string literal of the string form for `v` (no escapes exist: the other quote when needed). */
function literal(v: string): string {
  return v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v}'`;
}

function completeString(text: string, offset: number, ctx: CompletionContext): CompletionItem[] {
  const before = scanStringSearch(text.slice(0, offset));
  const last = before.tokens[before.tokens.length - 1];
  const typing =
    last &&
    last.to === offset &&
    (last.kind === 'word' || last.kind === 'variable' || (last.kind === 'string' && !last.closed));
  const rest = /^[A-Za-z0-9_.:+-]*/.exec(text.slice(offset))?.[0] ?? '';
  const range = { from: typing ? last.from : offset, to: offset + rest.length };
  const prefix = typing ? last.text.replace(/^['"]/, '') : '';
  const place = typing ? last.place : before.place;
  const attribute = typing && place === 'attribute' ? '' : before.attribute;
  const vars = variableItems(ctx, range);
  if (prefix.startsWith('$')) {
    return byPrefix(vars, prefix);
  }
  let out: CompletionItem[] = [];
  switch (place) {
    case 'attribute':
      out = [...items(ctx.attributes ?? [], 'attribute', range, 'attribute'), ...items(['not'], 'keyword', range)];
      break;
    case 'operator':
      out = items(
        CONDITION_OPERATORS.filter((o) => o !== '=='),
        'operator',
        range
      );
      break;
    case 'value':
    case 'list': {
      const values = ctx.values?.(attribute) ?? [];
      if (place === 'value' && before.operator === 'in') {
        out = items(values, 'value', range, attribute, (v) => `[${literal(v)}]`);
        break;
      }
      out = [
        ...items(values, 'value', range, attribute, literal),
        ...items(['null', 'true', 'false'], 'keyword', range),
      ];
      break;
    }
    case 'after':
      out = items(['and', 'or'], 'keyword', range);
      break;
    default:
      return [];
  }
  return byPrefix([...out, ...(place === 'operator' || place === 'after' ? [] : vars)], prefix);
}

/** Completion items of a search at `offset` (string or JSON form). */
export function completeSearch(text: string, offset: number, ctx: CompletionContext = {}): CompletionItem[] {
  return text.trim().startsWith('{') ? completeJson(text, offset, ctx) : completeString(text, offset, ctx);
}

const TYPES: Record<Place, HighlightType> = {
  attribute: 'attribute',
  operator: 'operator',
  value: 'string',
  list: 'string',
  after: 'keyword',
  listAfter: 'delimiter',
};

/** Highlighting tokens of a search (also incomplete), string or JSON form. */
export function highlightSearch(text: string): HighlightToken[] {
  if (text.trim().startsWith('{')) {
    return highlightJson(text);
  }
  return scanStringSearch(text).tokens.map((t): HighlightToken => {
    const span = { from: t.from, to: t.to };
    if (t.kind === 'variable') {
      return { ...span, type: 'variable' };
    }
    if (t.kind === 'punct' || t.kind === 'invalid') {
      return { ...span, type: t.kind === 'punct' ? 'delimiter' : 'invalid' };
    }
    if (t.text === 'not' || BOOLEAN_OPERATORS.includes(t.text)) {
      return { ...span, type: 'keyword' };
    }
    if (t.place === 'value' || t.place === 'list') {
      const constant = /^(null|None|none|true|True|false|False)$/.test(t.text);
      return {
        ...span,
        type: t.kind === 'string' ? 'string' : constant ? 'constant' : /^[+-]?\d/.test(t.text) ? 'number' : 'string',
      };
    }
    return { ...span, type: t.place === 'after' && t.kind !== 'symbol' ? 'invalid' : TYPES[t.place] };
  });
}
