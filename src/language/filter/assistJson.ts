/**
 * Completion and highlighting of the JSON form of searches: operator keys of filter objects,
 * attribute keys of conditions, values (JSON-encoded), from a tolerant scan of incomplete JSON.
 */
import { byPrefix, CompletionContext, CompletionItem, HighlightToken, variableItems } from '../assist';
import { Span, variableAt } from '../common';
import { BOOLEAN_OPERATORS, COMPARISON_OPERATORS, CONDITION_OPERATORS } from './tree';

export function items(
  labels: string[],
  kind: CompletionItem['kind'],
  range: Span,
  detail?: string,
  insert?: (s: string) => string
) {
  return labels.map((label) => ({ label, kind, range, detail, insertText: insert?.(label) }));
}

export function completeJson(text: string, offset: number, ctx: CompletionContext): CompletionItem[] {
  const stack: Array<{ object: boolean; key?: string; expectKey: boolean; condition: string | undefined }> = [];
  let pos = 0;
  let open: { from: number } | undefined; // unterminated string at the cursor
  const head = text.slice(0, offset);
  while (pos < head.length) {
    const c = head[pos];
    const top = stack[stack.length - 1];
    if (c === '"') {
      let end = pos + 1;
      while (end < head.length && head[end] !== '"') {
        end += head[end] === '\\' ? 2 : 1;
      }
      if (end >= head.length) {
        open = { from: pos };
        break;
      }
      const s = head.slice(pos + 1, end);
      if (top?.object && top.expectKey) {
        top.key = s;
      }
      pos = end + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      const condition =
        c === '{' && top?.object && top.key && CONDITION_OPERATORS.includes(top.key) ? top.key : undefined;
      stack.push({ object: c === '{', expectKey: c === '{', condition });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (top?.object && (c === ':' || c === ',')) {
      top.expectKey = c === ',';
    }
    pos++;
  }
  const top = stack[stack.length - 1];
  if (!top) {
    return [];
  }
  const prefix = open ? head.slice(open.from + 1) : '';
  const range = { from: open ? open.from + 1 : offset, to: offset };
  const quote = open ? undefined : (s: string) => JSON.stringify(s);
  if (top.object && top.expectKey) {
    const labels = top.condition
      ? (ctx.attributes ?? [])
      : [...COMPARISON_OPERATORS, 'like', 'in', ...BOOLEAN_OPERATORS, 'not'];
    return byPrefix(items(labels, top.condition ? 'attribute' : 'operator', range, undefined, quote), prefix);
  }
  if (top.object && top.condition && top.key) {
    const values = ctx.values?.(top.key) ?? [];
    const list = top.condition === 'in' ? (s: string) => `[${JSON.stringify(s)}]` : quote;
    return byPrefix([...items(values, 'value', range, top.key, list), ...variableItems(ctx, range)], prefix);
  }
  return [];
}

const JSON_TOKEN =
  /\$\{[^}\s]*\}|\[\[\w+(?::\w+)?\]\]|\$\w+|"(?:[^"\\\n]|\\.)*"?|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|[{}[\],:]|\s+|[^\s]/gy;

/** Highlighting of the JSON form: operator keys, attribute keys, values, variables. */
export function highlightJson(text: string): HighlightToken[] {
  const out: HighlightToken[] = [];
  for (const m of text.matchAll(JSON_TOKEN)) {
    const [t] = m;
    const from = m.index ?? 0;
    const to = from + t.length;
    if (/^\s/.test(t)) {
      continue;
    }
    if (t.startsWith('"')) {
      const key = /^\s*:/.test(text.slice(to));
      const inner = t.slice(1, -1);
      const op = [...CONDITION_OPERATORS, ...BOOLEAN_OPERATORS, 'not'].includes(inner);
      const type = variableAt(inner, 0) === inner ? 'variable' : key ? (op ? 'operator' : 'attribute') : 'string';
      out.push({ from, to, type: t.length > 1 && t.endsWith('"') ? type : 'invalid' });
    } else {
      const type = /^[$[]./.test(t)
        ? 'variable'
        : /^[{}[\],:]$/.test(t)
          ? 'delimiter'
          : /^[a-z]/.test(t)
            ? 'constant'
            : /\d/.test(t)
              ? 'number'
              : 'invalid';
      out.push({ from, to, type });
    }
  }
  return out;
}
