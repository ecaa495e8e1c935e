/**
 * JSON parsing for Gnocchi responses.
 *
 * Gnocchi (Python's json / ujson) may emit the bare tokens `NaN`, `Infinity` and `-Infinity`,
 * which are not JSON (e.g. `fill=null`, or operations dividing by zero). `JSON.parse` is tried
 * first; only when it throws is the text rewritten (outside string literals):
 * - `NaN` / `-NaN` → `null`
 * - `Infinity` / `-Infinity` → marker strings turned back into ±Infinity by a reviver.
 */

// Markers contain NUL characters, so they cannot collide with a real Gnocchi string.
const POS_INF_MARKER = '\u0000gnocchi_inf\u0000';
const NEG_INF_MARKER = '\u0000gnocchi_-inf\u0000';
const POS_INF_JSON = JSON.stringify(POS_INF_MARKER);
const NEG_INF_JSON = JSON.stringify(NEG_INF_MARKER);

// A string literal (kept as is), or one of the non-JSON number tokens.
const TOKENS = /"(?:[^"\\]|\\.)*"|-?Infinity|-?NaN/g;

function reviver(_key: string, value: unknown): unknown {
  if (value === POS_INF_MARKER) {
    return Infinity;
  }
  if (value === NEG_INF_MARKER) {
    return -Infinity;
  }
  return value;
}

export function parseGnocchiJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    let infinities = false;
    const fixed = text.replace(TOKENS, (token) => {
      switch (token.charCodeAt(0)) {
        case 34: // '"': a string literal
          return token;
        case 78: // 'N'
          return 'null';
        case 73: // 'I'
          infinities = true;
          return POS_INF_JSON;
        default: // '-'
          if (token === '-NaN') {
            return 'null';
          }
          infinities = true;
          return NEG_INF_JSON;
      }
    });
    if (fixed === text) {
      throw e; // nothing to fix: report the original error
    }
    return infinities ? JSON.parse(fixed, reviver) : JSON.parse(fixed);
  }
}
