/**
 * Completion and highlighting of operations (both forms), from a tolerant scan that works on
 * incomplete text: each token gets its slot (the operation it is in, its index there), which says
 * what stands there (an operation, a metric, an aggregation method, a window, an operand).
 */
import { byPrefix, CompletionContext, CompletionItem, HighlightToken, HighlightType, variableItems } from '../assist';
import { isVariable, Span, variableAt } from '../common';
import {
  AGGREGATE_METHODS,
  BINARY_OPERATORS,
  isNumberText,
  POLICY_METHODS,
  STRUCTURE_OPERATIONS,
  TERNARY_OPERATORS,
  UNARY_OPERATORS,
} from './tree';

export type SlotRole = 'operation' | 'metric' | 'aggregation' | 'method' | 'window' | 'operand';

interface Frame {
  head?: string;
  index: number;
  /** A (metric aggregation) pair inside `(metric ...)`. */
  pair: boolean;
}

interface ScanToken extends Span {
  kind: 'open' | 'close' | 'atom' | 'comma' | 'invalid';
  value: string;
  /** Closed string in the JSON form (value without quotes). */
  quoted?: boolean;
  role?: SlotRole;
}

function roleOf(f: Frame): SlotRole {
  if (f.pair) {
    return f.index === 0 ? 'metric' : 'aggregation';
  }
  if (f.index === 0) {
    return 'operation';
  }
  switch (f.head) {
    case 'metric':
      return f.index === 1 ? 'metric' : 'aggregation';
    case 'aggregate':
      return f.index === 1 ? 'method' : 'operand';
    case 'resample':
    case 'rolling':
      return f.index === 1 ? 'method' : f.index === 2 ? 'window' : 'operand';
    default:
      return 'operand';
  }
}

/** Tokens of (possibly incomplete) operations with their roles, and the frame open at the end. */
export function scanOperations(text: string): { tokens: ScanToken[]; top?: Frame; json: boolean } {
  const json = text.trim().startsWith('[');
  const [open, close] = json ? ['[', ']'] : ['(', ')'];
  const stack: Frame[] = [];
  const tokens: ScanToken[] = [];
  let pos = 0;
  while (pos < text.length) {
    const c = text[pos];
    const from = pos;
    const top = stack[stack.length - 1];
    if (/\s/.test(c)) {
      pos++;
      continue;
    }
    if (c === open) {
      tokens.push({ kind: 'open', value: c, from, to: ++pos, role: top && roleOf(top) });
      if (top) {
        top.index++;
      }
      stack.push({ index: 0, pair: Boolean(top && top.head === 'metric' && !top.pair && top.index > 1) });
      continue;
    }
    if (c === close || (json && c === ',')) {
      pos++;
      tokens.push({ kind: c === ',' ? 'comma' : 'close', value: c, from, to: pos });
      if (c === close) {
        stack.pop();
      }
      continue;
    }
    let value: string;
    let quoted: boolean | undefined;
    if (json && c === '"') {
      let end = pos + 1;
      while (end < text.length && text[end] !== '"' && text[end] !== '\n') {
        end += text[end] === '\\' ? 2 : 1;
      }
      quoted = text[end] === '"';
      pos = Math.min(text.length, quoted ? end + 1 : end);
      value = text.slice(from + 1, quoted ? pos - 1 : pos);
    } else {
      const stop = json ? /[\s,[\]"]/ : /[\s()]/;
      const v = json ? variableAt(text, pos) : undefined;
      pos += v ? v.length : 1;
      while (!v && pos < text.length && !stop.test(text[pos])) {
        pos++;
      }
      value = text.slice(from, pos);
    }
    if (!top) {
      tokens.push({ kind: 'invalid', value, from, to: pos });
      continue;
    }
    tokens.push({ kind: 'atom', value, from, to: pos, quoted, role: roleOf(top) });
    if (top.index === 0) {
      top.head = value;
    }
    top.index++;
  }
  return { tokens, top: stack[stack.length - 1], json };
}

const DETAILS: Record<string, string> = {
  metric: '(metric name aggregation) or (metric (name agg) ...)',
  aggregate: '(aggregate method operation): one series across all',
  resample: '(resample method timespan operation)',
  rolling: '(rolling method points operation): moving window',
  clip: '(clip operation min [max])',
  rateofchange: 'difference between consecutive points',
};

function operationItems(range: Span, json: boolean, wrap: boolean): CompletionItem[] {
  const names = [...STRUCTURE_OPERATIONS, ...UNARY_OPERATORS, ...TERNARY_OPERATORS, ...BINARY_OPERATORS];
  return names.map((name) => ({
    label: name,
    kind: STRUCTURE_OPERATIONS.includes(name) ? 'operation' : /^\W/.test(name) ? 'operator' : 'function',
    insertText: wrap ? (json ? `["${name}", ` : `(${name} `) : json ? `"${name}"` : undefined,
    detail: DETAILS[name] ?? (UNARY_OPERATORS.includes(name) ? 'unary' : 'binary: two operations or numbers'),
    range,
  }));
}

function words(list: string[], kind: CompletionItem['kind'], range: Span, quote: boolean, detail?: string) {
  return list.map((label) => ({ label, kind, detail, range, insertText: quote ? JSON.stringify(label) : undefined }));
}

/** Completion items at `offset`: what may stand there, filtered by what is typed. */
export function completeOperations(text: string, offset: number, ctx: CompletionContext = {}): CompletionItem[] {
  const { tokens, top, json } = scanOperations(text.slice(0, offset));
  const last = tokens[tokens.length - 1];
  const typing = last && last.kind === 'atom' && last.to === offset && !last.quoted ? last : undefined;
  const rest = /^[^\s()[\],"]*/.exec(text.slice(offset))?.[0] ?? '';
  let range: Span = { from: offset, to: offset + rest.length };
  let prefix = '';
  let quote = json;
  if (typing) {
    const inString = json && text[typing.from] === '"';
    range = { from: typing.from + (inString ? 1 : 0), to: offset + rest.length };
    prefix = typing.value;
    quote = json && !inString;
  }
  if (!top && !typing) {
    return text.slice(0, offset).trim() ? [] : byPrefix(operationItems(range, json, true), prefix);
  }
  const frame = typing ? { ...top!, index: top!.index - 1 } : top!;
  const role = roleOf(frame);
  const vars = variableItems(ctx, range);
  if (prefix.startsWith('$')) {
    return byPrefix(vars, prefix);
  }
  let items: CompletionItem[] = [];
  switch (role) {
    case 'operation':
      items = operationItems(range, json, false);
      break;
    case 'metric':
      items = words(ctx.metrics ?? [], 'metric', range, quote, 'metric');
      break;
    case 'aggregation':
      items = words(ctx.aggregations ?? POLICY_METHODS, 'method', range, quote, "archive policy's method");
      break;
    case 'method':
      items = words(AGGREGATE_METHODS, 'method', range, quote, `${frame.head} method`);
      break;
    case 'window':
      items =
        frame.head === 'resample'
          ? words(['60', '300', '3600', '5m', '1h', '1d'], 'value', range, false, 'timespan')
          : words(['2', '5', '10'], 'value', range, false, 'points');
      items.push({ label: '$__interval', kind: 'variable', detail: "the panel's interval", range });
      break;
    case 'operand':
      items = typing ? [] : operationItems(range, json, true);
  }
  return byPrefix([...items, ...vars], prefix);
}

const HIGHLIGHT: Record<SlotRole, HighlightType> = {
  operation: 'keyword',
  metric: 'metric',
  aggregation: 'function',
  method: 'function',
  window: 'number',
  operand: 'number',
};

/** Highlighting tokens of operations (also of incomplete text). */
export function highlightOperations(text: string): HighlightToken[] {
  const known = [...STRUCTURE_OPERATIONS, ...UNARY_OPERATORS, ...TERNARY_OPERATORS, ...BINARY_OPERATORS];
  return scanOperations(text).tokens.map((t): HighlightToken => {
    const span = { from: t.from, to: t.to };
    if (t.kind !== 'atom') {
      return { ...span, type: t.kind === 'invalid' ? 'invalid' : 'delimiter' };
    }
    if (isVariable(t.value)) {
      return { ...span, type: 'variable' };
    }
    if (t.role === 'operation') {
      return { ...span, type: known.includes(t.value) ? (/^\W/.test(t.value) ? 'operator' : 'keyword') : 'invalid' };
    }
    if (t.role === 'operand') {
      return { ...span, type: isNumberText(t.value) ? 'number' : 'invalid' };
    }
    return { ...span, type: HIGHLIGHT[t.role!] };
  });
}
