/**
 * Runs one prepared query: the runner of its mode sends the requests, then one granularity is
 * chosen, zero fill applied where the mode allows it, series named, and frames built with the
 * requests that ran.
 */
import type { DataFrame } from '@grafana/data';

import { chooseGranularity, granularitiesOf } from '../gnocchi/granularity';
import type { GnocchiQuery } from '../types';
import { isSavedByOldPlugin, text } from './defaults';
import { emptyFrame, seriesToFrames } from './frames';
import type { PolicyLookups } from './granularityPlan';
import { seriesNames } from './naming';
import { describeRequest } from './requests';
import { runnerOf } from './runners';
import type { RunContext } from './runners/types';

export interface RunOptions {
  /** Grafana's interval for the panel (range / max data points). */
  intervalMs: number;
  maxDataPoints?: number;
  /** The data source's look-ups: the metrics' archive policies, to ask for the granularity drawn. */
  lookups?: PolicyLookups;
  now?: () => number;
}

export async function runQuery(q: GnocchiQuery, ctx: RunContext, opts: RunOptions): Promise<DataFrame[]> {
  const w = ctx.window;
  if (!(w.fromMs < w.toMs)) {
    throw new Error('The time range must start before it ends');
  }
  const explicitText = text(q.granularity);
  const draw =
    !explicitText && opts.lookups && !ctx.draw
      ? {
          lookups: opts.lookups,
          legacy: isSavedByOldPlugin(q),
          panel: {
            ...w,
            nowMs: (opts.now ?? Date.now)(),
            intervalMs: opts.intervalMs,
            maxDataPoints: opts.maxDataPoints,
          },
        }
      : ctx.draw;
  const result = await runnerOf(q).run(q, draw ? { ...ctx, draw } : ctx);
  const executedQueryString = result.requests.map(describeRequest).join('\n\n');
  if (!result.series.length) {
    const notices = result.notice ? [{ severity: 'warning' as const, text: result.notice }] : [];
    return [emptyFrame(q.refId, executedQueryString, notices)];
  }
  const explicit = explicitText ? Number(explicitText) : undefined;
  // Automatic: one granularity when the plan asked for it (gnocchi/plan.ts), else every granularity of
  // the archive policy; see granularity.ts.
  const granularity =
    explicit ??
    chooseGranularity(granularitiesOf(result.series), opts.intervalMs, w.toMs - w.fromMs, opts.maxDataPoints);
  const zeroFill = result.zeroFill && q.draw_missing_datapoint_as_zero === true;
  return seriesToFrames(result.series, {
    refId: q.refId,
    names: seriesNames(result.series, q),
    granularity,
    zeroFill: zeroFill ? { fromMs: w.fromMs, toMs: w.toMs } : undefined,
    fromMs: w.fromMs,
    executedQueryString,
  });
}
