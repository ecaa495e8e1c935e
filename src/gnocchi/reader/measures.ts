/**
 * The hot loop of the reader: one Gnocchi measures list, `[["<timestamp>", <granularity>, <value>], ...]`,
 * read from the response text straight into columns, with no intermediate arrays or strings.
 *
 * Only what the plain path (`parseGnocchiJson` + `measuresToColumns`) reads the same way is accepted:
 * triples of a string, a JSON number and a JSON number / `null` / bare `NaN`, `-NaN`, `Infinity`,
 * `-Infinity`. Anything else (strings as values, a missing element, non-JSON numbers, ...) throws
 * `BAIL`, and the caller reads the whole body the plain way.
 */
import { parseGnocchiTimestamp } from '../time';
import type { ColumnPool } from './pool';
import type { MeasureColumns } from './tagged';

/** Thrown (never seen outside the reader) when the text is not what the fast path reads. */
export const BAIL = { bail: true };

// Exact powers of ten: m / 10^k with m < 2^53 and k ≤ 22 is correctly rounded, as Number() is.
const POW10: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) {
  POW10.push(p);
}

// The day of the last timestamp read inline: consecutive points share it.
let dayKey = -1;
let dayMs = 0;

export function skipWs(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) {
    c = s.charCodeAt(++i);
  }
  return i;
}

/** Index of the quote closing the string literal opened at `open`. */
export function stringEnd(s: string, open: number): number {
  let i = open;
  for (;;) {
    i = s.indexOf('"', i + 1);
    if (i < 0) {
      throw BAIL;
    }
    let slashes = 0;
    while (s.charCodeAt(i - 1 - slashes) === 92) {
      slashes++;
    }
    if ((slashes & 1) === 0) {
      return i;
    }
  }
}

/** The string literal from `open` to `close` (quotes included), unescaped as JSON.parse does. */
export function stringValue(s: string, open: number, close: number): string {
  for (let i = open + 1; i < close; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 || c < 32) {
      try {
        return JSON.parse(s.slice(open, close + 1)) as string;
      } catch {
        throw BAIL;
      }
    }
  }
  return s.slice(open + 1, close);
}

/** The digit at `i`, or 1e6 (out of every range checked below) when it is not one. */
function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : 1e6;
}

/**
 * Epoch ms of the timestamp literal opened at `open`, written to `out[k]`; returns the index after
 * its closing quote. `YYYY-MM-DDTHH:MM:SS` with `+00:00`, `Z` or no offset is read inline; anything
 * else goes through `parseGnocchiTimestamp`, so both give the same number. (Results go to the typed
 * arrays, not through return values: these functions are too big to be inlined, and a double
 * returned from a call is a heap allocation, millions per response.)
 */
function readTimestamp(s: string, open: number, out: Float64Array, k: number): number {
  const p = open + 1;
  let end = p + 19; // the offset, or the closing quote
  const tail = s.charCodeAt(end);
  if (tail === 43) {
    if (s.charCodeAt(p + 20) === 48 && s.charCodeAt(p + 21) === 48 && s.charCodeAt(p + 22) === 58) {
      end = s.charCodeAt(p + 23) === 48 && s.charCodeAt(p + 24) === 48 ? p + 25 : -1;
    } else {
      end = -1;
    }
  } else if (tail === 90) {
    end = p + 20;
  } else if (tail !== 34) {
    end = -1;
  }
  if (
    end > 0 &&
    s.charCodeAt(end) === 34 &&
    s.charCodeAt(p + 4) === 45 &&
    s.charCodeAt(p + 7) === 45 &&
    s.charCodeAt(p + 10) === 84 &&
    s.charCodeAt(p + 13) === 58 &&
    s.charCodeAt(p + 16) === 58
  ) {
    const year = digit(s, p) * 1000 + digit(s, p + 1) * 100 + digit(s, p + 2) * 10 + digit(s, p + 3);
    const month = digit(s, p + 5) * 10 + digit(s, p + 6);
    const day = digit(s, p + 8) * 10 + digit(s, p + 9);
    const hour = digit(s, p + 11) * 10 + digit(s, p + 12);
    const minute = digit(s, p + 14) * 10 + digit(s, p + 15);
    const second = digit(s, p + 17) * 10 + digit(s, p + 18);
    if (
      year >= 100 &&
      year <= 9999 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 60
    ) {
      const key = (year * 16 + month) * 32 + day;
      if (key !== dayKey) {
        const ms = Date.UTC(year, month - 1, day);
        dayMs = new Date(ms).getUTCDate() === day ? ms : NaN; // Feb 30 etc.
        dayKey = key;
      }
      out[k] = dayMs + ((hour * 60 + minute) * 60 + second) * 1000;
      return end + 1;
    }
  }
  const close = stringEnd(s, open);
  out[k] = parseGnocchiTimestamp(stringValue(s, open, close));
  return close + 1;
}

/**
 * The number at `i`, written to `out[k]`; returns the index after it. With `special`, also `null`,
 * `NaN`, `-NaN` (→ NaN, read as null later), `Infinity` and `-Infinity`.
 */
function readNumber(s: string, i: number, special: boolean, out: Float64Array, k: number): number {
  const start = i;
  let c = s.charCodeAt(i);
  const neg = c === 45;
  if (neg) {
    c = s.charCodeAt(++i);
  }
  if (c >= 48 && c <= 57) {
    let m = c - 48;
    let digits = 1;
    c = s.charCodeAt(++i);
    if (m !== 0) {
      while (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48);
        digits++;
        c = s.charCodeAt(++i);
      }
    } else if (c >= 48 && c <= 57) {
      throw BAIL; // a leading zero: not JSON
    }
    let frac = 0;
    if (c === 46) {
      c = s.charCodeAt(++i);
      if (!(c >= 48 && c <= 57)) {
        throw BAIL;
      }
      do {
        m = m * 10 + (c - 48);
        digits++;
        frac++;
        c = s.charCodeAt(++i);
      } while (c >= 48 && c <= 57);
    }
    if (c === 101 || c === 69) {
      c = s.charCodeAt(++i);
      if (c === 43 || c === 45) {
        c = s.charCodeAt(++i);
      }
      if (!(c >= 48 && c <= 57)) {
        throw BAIL;
      }
      do {
        c = s.charCodeAt(++i);
      } while (c >= 48 && c <= 57);
      out[k] = Number(s.slice(start, i));
    } else if (digits <= 15) {
      out[k] = neg ? -m / POW10[frac] : m / POW10[frac];
    } else {
      out[k] = Number(s.slice(start, i));
    }
    return i;
  }
  if (special) {
    if (c === 78 && s.startsWith('NaN', i)) {
      out[k] = NaN;
      return i + 3;
    }
    if (c === 73 && s.startsWith('Infinity', i)) {
      out[k] = neg ? -Infinity : Infinity;
      return i + 8;
    }
    if (c === 110 && !neg && s.startsWith('null', i)) {
      out[k] = NaN;
      return i + 4;
    }
  }
  throw BAIL;
}

/**
 * Reads the measures list whose `[` is at `open` into `pool`; returns its columns and the index
 * after its `]`.
 */
export function readMeasures(s: string, open: number, pool: ColumnPool): { columns: MeasureColumns; end: number } {
  let start = pool.n;
  let n = start;
  let { times, granularities, values } = pool;
  let capacity = times.length;
  let i = skipWs(s, open + 1);
  let c = s.charCodeAt(i);
  if (c !== 93) {
    for (;;) {
      if (c !== 91) {
        throw BAIL;
      }
      i = skipWs(s, i + 1);
      if (s.charCodeAt(i) !== 34) {
        throw BAIL;
      }
      if (n === capacity) {
        pool.n = n;
        pool.grow(start);
        ({ times, granularities, values } = pool);
        capacity = times.length;
        n = pool.n;
        start = 0;
      }
      i = skipWs(s, readTimestamp(s, i, times, n));
      if (s.charCodeAt(i) !== 44) {
        throw BAIL;
      }
      i = skipWs(s, readNumber(s, skipWs(s, i + 1), false, granularities, n));
      if (s.charCodeAt(i) !== 44) {
        throw BAIL;
      }
      i = skipWs(s, readNumber(s, skipWs(s, i + 1), true, values, n));
      n++;
      if (s.charCodeAt(i) !== 93) {
        throw BAIL;
      }
      i = skipWs(s, i + 1);
      c = s.charCodeAt(i);
      if (c === 44) {
        i = skipWs(s, i + 1);
        c = s.charCodeAt(i);
      } else if (c === 93) {
        break;
      } else {
        throw BAIL;
      }
    }
  }
  pool.n = n;
  return { columns: pool.columns(start), end: i + 1 };
}
