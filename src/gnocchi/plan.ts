/**
 * Which granularity to ask Gnocchi for, from the metric's archive policy (known before the
 * request, see `api/resources.ts` policy look-ups) and the panel (range, interval, max data points).
 * Asking for one granularity saves the bytes of all the others; resampling a finer archive on the
 * server draws the detail the panel can show rather than the hourly archive when minute data exists.
 *
 * New queries (`planGranularity`), with step = max(interval, range / maxDataPoints):
 *   1. the coarsest archive finer than or equal to the step that covers the range: as it is when
 *      its points fit the panel (≤ 1.5 × maxDataPoints, Grafana rounds the interval down) and it is
 *      not finer than the interval; otherwise resampled by Gnocchi to the first multiple of it ≥ the step
 *      (when the aggregation can be re-aggregated);
 *   2. otherwise the finest covering archive coarser than the step;
 *   3. an archive that does not cover the range but has finer points than that (the long-range case:
 *      finer points for the recent part, coarser before them) or no covering archive at all: no
 *      plan — Gnocchi returns every granularity and `columns.ts` stitches them, as before.
 * Saved 1.x queries (`planLegacy`) keep the choice they had (`chooseGranularity` over the policy),
 * asked for only when that archive covers the range or is the coarsest, and never resampled.
 *
 * "Covers": retention counts back from the metric's last point, which is at most now; an archive
 * whose timespan reaches back from now to the range's start (one bucket of slack: Gnocchi rounds the
 * start down) holds every point of the range. No timespan: unbounded.
 */
import { chooseGranularity } from './granularity';

/** One archive of a policy, seconds. */
export interface Archive {
  granularity: number;
  /** Retention; undefined = unbounded. */
  timespan?: number;
}

export interface PolicyLike {
  definition?: Array<{ granularity: string | number; timespan?: string | number | null; points?: number | null }>;
}

export interface PanelShape {
  fromMs: number;
  toMs: number;
  nowMs: number;
  intervalMs: number;
  maxDataPoints?: number;
}

export interface GranularityPlan {
  /** Seconds, sent as `granularity`. */
  granularity: number;
  /** Seconds, a multiple of `granularity`: Gnocchi resamples to it. */
  resample?: number;
}

const EPS = 1e-9;
/** Points of an archive taken as it is, relative to max data points (Grafana's own interval rounding gives up to ~1.5×). */
export const FIT_FACTOR = 1.5;

/** Gnocchi's timedelta text (`1 day, 0:00:00`, `0:05:00`, `0:00:00.500000`) or seconds → seconds (NaN when unreadable). */
export function timedeltaSeconds(v: string | number | null | undefined): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v !== 'string') {
    return NaN;
  }
  const m = /^(?:(\d+) days?, )?(\d+):(\d\d):(\d\d(?:\.\d+)?)$/.exec(v.trim());
  if (!m) {
    return v.trim() === '' ? NaN : Number(v);
  }
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

/** The archives of a policy, finest first (unreadable definitions dropped). */
export function archivesOf(policy: PolicyLike): Archive[] {
  const out: Archive[] = [];
  for (const d of policy.definition ?? []) {
    const granularity = timedeltaSeconds(d.granularity);
    if (!(granularity > 0)) {
      continue;
    }
    let timespan = timedeltaSeconds(d.timespan ?? undefined);
    if (!(timespan > 0) && typeof d.points === 'number' && d.points > 0) {
      timespan = d.points * granularity;
    }
    out.push(timespan > 0 ? { granularity, timespan } : { granularity });
  }
  return out.sort((a, b) => a.granularity - b.granularity);
}

/** The archives every policy has (as Gnocchi aggregates several metrics: granularities in common), shortest retention. */
export function commonArchives(lists: Archive[][]): Archive[] {
  if (!lists.length) {
    return [];
  }
  const [first, ...rest] = lists;
  const out: Archive[] = [];
  for (const a of first) {
    let timespan = a.timespan;
    let inAll = true;
    for (const list of rest) {
      const same = list.find((b) => Math.abs(b.granularity - a.granularity) < EPS);
      if (!same) {
        inAll = false;
        break;
      }
      timespan =
        timespan === undefined
          ? same.timespan
          : same.timespan === undefined
            ? timespan
            : Math.min(timespan, same.timespan);
    }
    if (inAll) {
      out.push(timespan === undefined ? { granularity: a.granularity } : { granularity: a.granularity, timespan });
    }
  }
  return out;
}

function covers(a: Archive, p: PanelShape): boolean {
  return a.timespan === undefined || p.fromMs >= p.nowMs - (a.timespan + a.granularity) * 1000;
}

/** Some of the range is younger than the archive's retention. */
function reachesInto(a: Archive, p: PanelShape): boolean {
  return a.timespan === undefined || p.toMs > p.nowMs - (a.timespan + a.granularity) * 1000;
}

function shape(p: PanelShape) {
  const rangeSec = Math.max(0, (p.toMs - p.fromMs) / 1000);
  const interval = Number.isFinite(p.intervalMs) && p.intervalMs > 0 ? p.intervalMs / 1000 : 0;
  const limit = p.maxDataPoints !== undefined && p.maxDataPoints > 0 ? p.maxDataPoints : undefined;
  const step = Math.max(interval, limit ? rangeSec / limit : 0);
  return { rangeSec, interval, limit, step };
}

/** Asking for `g` draws the same as asking for everything only when no coarser archive could be stitched before it. */
function askable(archives: Archive[], a: Archive, p: PanelShape): GranularityPlan | undefined {
  const coarsest = archives[archives.length - 1];
  return covers(a, p) || a === coarsest ? { granularity: a.granularity } : undefined;
}

export function planGranularity(archives: Archive[], p: PanelShape, canResample: boolean): GranularityPlan | undefined {
  if (!archives.length || !(p.fromMs < p.toMs)) {
    return undefined;
  }
  const { rangeSec, interval, limit, step } = shape(p);
  const covering = archives.filter((a) => covers(a, p));
  const fine = [...covering].reverse().find((a) => a.granularity <= step * (1 + EPS));
  let fineTooDense = false;
  if (fine) {
    const fits = limit === undefined || rangeSec / fine.granularity <= limit * FIT_FACTOR * (1 + EPS);
    if (fits && fine.granularity >= interval * (1 - EPS)) {
      return { granularity: fine.granularity };
    }
    if (canResample) {
      const k = Math.max(1, Math.ceil(step / fine.granularity - EPS));
      return k === 1
        ? { granularity: fine.granularity }
        : { granularity: fine.granularity, resample: k * fine.granularity };
    }
    fineTooDense = true;
  }
  const coarse = covering.find((a) => a.granularity > step * (1 + EPS));
  // A finer archive that does not reach back to the start but has points the panel can show: stitch.
  const finerPartial = archives.some(
    (a) =>
      !covers(a, p) &&
      reachesInto(a, p) &&
      a.granularity >= step * (1 - EPS) &&
      (!coarse || a.granularity < coarse.granularity)
  );
  if (coarse && !finerPartial) {
    return { granularity: coarse.granularity };
  }
  if (!coarse && fineTooDense && fine && !finerPartial) {
    return { granularity: fine.granularity };
  }
  if (!coarse && !fine) {
    // nothing covers the range: the choice of before, asked for only when nothing could be stitched before it
    const a = legacyChoice(archives, p);
    return a && a === archives[archives.length - 1] ? { granularity: a.granularity } : undefined;
  }
  return undefined;
}

/** Saved 1.x queries: the granularity they drew before (finest ≥ interval within max data points), never resampled. */
export function planLegacy(archives: Archive[], p: PanelShape): GranularityPlan | undefined {
  if (!archives.length || !(p.fromMs < p.toMs)) {
    return undefined;
  }
  const a = legacyChoice(archives, p);
  return a ? askable(archives, a, p) : undefined;
}

/** The archive 1.x chose: the finest granularity ≥ the interval whose points fit max data points. */
function legacyChoice(archives: Archive[], p: PanelShape): Archive | undefined {
  const g = chooseGranularity(
    archives.map((a) => a.granularity),
    p.intervalMs,
    p.toMs - p.fromMs,
    p.maxDataPoints
  );
  return archives.find((x) => x.granularity === g);
}
