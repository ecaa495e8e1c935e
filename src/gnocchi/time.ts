/**
 * Gnocchi timestamps.
 *
 * Gnocchi returns `2024-01-01T00:00:00+00:00` (UTC bucket starts), sometimes with fractional
 * seconds, another offset or `Z`. `parseGnocchiTimestamp` is called once per point, so it parses
 * the digits by hand and caches the epoch of the day (consecutive points share the same day).
 * Unusual formats fall back to `Date.parse`; garbage gives NaN. A timestamp without offset is
 * UTC, as in Gnocchi.
 */

let cachedDayKey = -1;
let cachedDayMs = 0;

/** Value of the 2-digit number at `i`, or NaN. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  // Comparisons with NaN (past the end of the string) are false.
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/** Epoch milliseconds of a Gnocchi timestamp, NaN when it cannot be parsed. */
export function parseGnocchiTimestamp(s: string): number {
  const len = s.length;
  // YYYY-MM-DDTHH:MM:SS is 19 characters.
  if (
    len < 19 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58
  ) {
    return fallback(s);
  }
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 116) {
    // 'T', ' ', 't'
    return fallback(s);
  }
  const year = two(s, 0) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  // NaN compares false, so this rejects non-digits too.
  if (!(
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= 31 &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    year >= 0
  )) {
    return fallback(s);
  }

  let i = 19;
  let ms = 0;
  let c = s.charCodeAt(i);
  if (c === 46 || c === 44) {
    // Fraction ('.' or ','): milliseconds from the first 3 digits, further digits truncated.
    i++;
    let scale = 100;
    let d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) {
      return fallback(s);
    }
    while (d >= 0 && d <= 9) {
      ms += d * scale;
      scale /= 10;
      d = s.charCodeAt(++i) - 48;
    }
    ms = Math.floor(ms);
    c = s.charCodeAt(i);
  }

  let offsetMinutes = 0;
  if (i === len) {
    // no offset: UTC
  } else if ((c === 90 || c === 122) && i + 1 === len) {
    // 'Z' / 'z'
  } else if (c === 43 || c === 45) {
    // '+HH:MM', '+HHMM' or '+HH'
    const oh = two(s, i + 1);
    let om = 0;
    const rest = len - i - 3;
    if (rest === 3 && s.charCodeAt(i + 3) === 58) {
      om = two(s, i + 4);
    } else if (rest === 2) {
      om = two(s, i + 3);
    } else if (rest !== 0) {
      return fallback(s);
    }
    if (!(oh <= 23 && om <= 59)) {
      return fallback(s);
    }
    offsetMinutes = (c === 43 ? 1 : -1) * (oh * 60 + om);
  } else {
    return fallback(s);
  }

  const dayKey = (year * 16 + month) * 32 + day;
  if (dayKey !== cachedDayKey) {
    const dayMs = Date.UTC(year, month - 1, day);
    if (new Date(dayMs).getUTCDate() !== day) {
      return NaN; // Feb 30 etc. (Date.UTC and Date.parse would roll over)
    }
    if (year < 100) {
      return fallback(s); // Date.UTC maps years 0-99 to 1900-1999
    }
    cachedDayKey = dayKey;
    cachedDayMs = dayMs;
  }
  return cachedDayMs + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

function fallback(s: string): number {
  // Date.parse reads a date-time without offset as local time; Gnocchi means UTC.
  const t = Date.parse(s);
  if (Number.isNaN(t)) {
    return NaN;
  }
  if (/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(s)) {
    return Date.parse(s.replace(' ', 'T') + 'Z');
  }
  return t;
}

/** ISO-8601 UTC with `Z`, the format to send to Gnocchi (`start`, `stop`). */
export function toGnocchiTime(ms: number): string {
  return new Date(ms).toISOString();
}
