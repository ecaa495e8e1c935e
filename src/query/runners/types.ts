import type { GnocchiClient } from '../../client';
import type { Series } from '../../gnocchi/series';
import type { GnocchiQuery } from '../../types';
import type { DrawContext } from '../granularityPlan';
import type { GnocchiRequest, TimeWindow } from '../requests';

export interface RunContext {
  client: GnocchiClient;
  window: TimeWindow;
  signal?: AbortSignal;
  /** Ask for the granularity the panel draws (absent: an explicit `granularity`, or no look-ups). */
  draw?: DrawContext;
}

export interface RunnerResult {
  series: Series[];
  /** Every Gnocchi request sent, in order (for `meta.executedQueryString`). */
  requests: GnocchiRequest[];
  /** The query's zero fill applies (modes whose series are single metrics). */
  zeroFill: boolean;
  /** Why the result is empty, when Gnocchi said so. */
  notice?: string;
}

/** One query mode: whether a (migrated, not yet interpolated) query has what the mode needs, and how it runs. */
export interface ModeRunner {
  ready(q: GnocchiQuery): boolean;
  run(q: GnocchiQuery, ctx: RunContext): Promise<RunnerResult>;
}
