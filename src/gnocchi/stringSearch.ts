/**
 * Interpolation of a resource search in Gnocchi's string syntax, literal by literal, so that no
 * value can leave the literal it stands in (Gnocchi's quoted strings have no escape: see filter.ts):
 * - outside literals, a reference gets `formatFilterVariable` (`'v'`, or `['a', 'b']` for `in`);
 * - a literal that is exactly one reference (`host = "$host"`, the old plugin's form, where values
 *   were inserted raw) is that reference: the quotes go and the value is quoted as above;
 * - a literal with a reference inside longer text (`display_name like '$kind-%'`) is rendered with
 *   the raw value (one value: several are an error), then quoted anew as one literal.
 * An unterminated literal is left as it is for Gnocchi to report.
 */
import {
  formatFilterVariable,
  FilterValueError,
  quoteFilterValue,
  Replace,
  VariableFormat,
  WHOLE_REFERENCE,
  withVariable,
} from './filter';

const REFERENCE = /\$[A-Za-z0-9_]+|\$\{[^}]+\}|\[\[[^\]]+\]\]/;

/** One raw value inside a longer literal. */
const insideLiteral: VariableFormat = (value, variable) =>
  withVariable(variable, () => {
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    if (list.length !== 1) {
      throw new FilterValueError(
        `${list.length} values (${list.join(', ')}) inside a quoted literal of the search, which takes one`
      );
    }
    return list[0];
  });

export function interpolateStringSearch(text: string, replace: Replace): string {
  let out = '';
  let bare = '';
  const flush = () => {
    out += bare && replace(bare, formatFilterVariable);
    bare = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '"' && c !== "'") {
      bare += c;
      i++;
      continue;
    }
    const end = text.indexOf(c, i + 1);
    if (end < 0) {
      bare += text.slice(i);
      break;
    }
    const inner = text.slice(i + 1, end);
    if (WHOLE_REFERENCE.test(inner)) {
      bare += inner;
    } else if (REFERENCE.test(inner)) {
      flush();
      out += quoteFilterValue(replace(inner, insideLiteral));
    } else {
      bare += text.slice(i, end + 1);
    }
    i = end + 1;
  }
  flush();
  return out;
}
