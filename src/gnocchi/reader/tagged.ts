/**
 * Pre-parsed measures: the reader (./read.ts) turns each measures list of a response straight into
 * columns and leaves in the body, where the list was, an empty array tagged with them. Code that
 * only passes `measures` along (runners, `measuresOf`, `aggregatesToSeries`) keeps the columns without
 * knowing; code that reads points (`measuresToColumns`, `granularitiesOf`) asks `columnsOf` first.
 */
import type { Measure } from '../../types';

/** The points of one measures list, in response order. */
export interface MeasureColumns {
  /** Epoch milliseconds of each timestamp (NaN when it cannot be parsed, as `parseGnocchiTimestamp`). */
  times: Float64Array;
  /** Granularity of each point, seconds. */
  granularities: Float64Array;
  /** Values; NaN stands for Gnocchi's `NaN` and `null` (both become null in the frames). */
  values: Float64Array;
}

const TAGS = new WeakMap<object, MeasureColumns>();

/** An empty measures list standing for `columns`. */
export function taggedMeasures(columns: MeasureColumns): Measure[] {
  const measures: Measure[] = [];
  TAGS.set(measures, columns);
  return measures;
}

/** The pre-parsed columns a measures list stands for, if the reader made it. */
export function columnsOf(measures: Measure[]): MeasureColumns | undefined {
  return TAGS.get(measures);
}
