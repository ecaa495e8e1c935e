/** The time range of the page (pure): `now-3h`, `now`, ISO dates or epoch ms, in UTC. */
import { dateMath, dateTime, DateTime, TimeRange } from '@grafana/data';

export interface RawRange {
  from: string;
  to: string;
}

export const DEFAULT_RANGE: RawRange = { from: 'now-6h', to: 'now' };

export function parseTime(text: string, roundUp: boolean): DateTime {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    return dateTime(Number(t));
  }
  const parsed = dateMath.toDateTime(t, { roundUp, timezone: 'utc' }) ?? dateMath.parse(t, roundUp, 'utc');
  if (!parsed || !parsed.isValid()) {
    throw new Error(`Invalid time "${text}"`);
  }
  return parsed;
}

/** Throws `Invalid time "…"` for a bound that does not parse. */
export function toRange(raw: RawRange): TimeRange {
  return { from: parseTime(raw.from, false), to: parseTime(raw.to, true), raw: { from: raw.from, to: raw.to } };
}

/** The range, or the fallback (last 6 hours) with the reason when `raw` does not parse. */
export function resolveRange(raw: RawRange): { range: TimeRange; error?: string } {
  try {
    return { range: toRange(raw) };
  } catch (e) {
    return { range: toRange(DEFAULT_RANGE), error: (e as Error).message };
  }
}
