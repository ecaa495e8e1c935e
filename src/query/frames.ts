/**
 * Series → Grafana data frames: names from the label template or distinct defaults, one
 * granularity, optional zero fill, and `meta.executedQueryString` (the Gnocchi requests), so that
 * the Query inspector and Explore show what ran in browser mode too, where backendSrv is bypassed.
 */
import { createDataFrame, DataFrame, FieldType, QueryResultMetaNotice } from '@grafana/data';

import { ColumnsOptions, measuresToColumns } from '../gnocchi/columns';
import { defaultSeriesNames, labelVars, renderLabel } from '../gnocchi/labels';
import type { Series } from '../gnocchi/series';
import type { Measure } from '../types';

export interface FrameOptions extends ColumnsOptions {
  refId: string;
  name: string;
  labels: Record<string, string>;
  unit?: string;
  executedQueryString?: string;
}

/** Measures → one frame with `Time` and `Value` fields. */
export function measuresToFrame(measures: Measure[], opts: FrameOptions): DataFrame {
  const { times, values } = measuresToColumns(measures, opts);
  // `filterable`: Explore offers "filter for / filter out" on the series' labels (resource attributes),
  // which `modifyQuery` turns into search clauses.
  const valueConfig: { displayNameFromDS: string; unit?: string; filterable: boolean } = {
    displayNameFromDS: opts.name,
    filterable: true,
  };
  if (opts.unit) {
    valueConfig.unit = opts.unit;
  }
  // No `config.interval` on the time field: Grafana would then break the line at every missing
  // bucket, and Gnocchi series are often sparser than their granularity (e.g. a 60 s archive fed
  // every 5 minutes), which drew them as dots. Missing buckets as zeros is the query's option.
  return createDataFrame({
    name: opts.name,
    refId: opts.refId,
    meta: opts.executedQueryString ? { executedQueryString: opts.executedQueryString } : undefined,
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: times },
      { name: 'Value', type: FieldType.number, config: valueConfig, values, labels: opts.labels },
    ],
  });
}

export interface SeriesToFramesOptions extends ColumnsOptions {
  refId: string;
  /** Label template (`$attr`, `${attr}`); blank → distinct default names. Ignored when `names` is given. */
  labelTemplate?: string;
  /** The name of each series. */
  names?: string[];
  executedQueryString?: string;
}

/** Series → frames, named by `names`, the label template or `defaultSeriesNames`. */
export function seriesToFrames(series: Series[], opts: SeriesToFramesOptions): DataFrame[] {
  const template = opts.labelTemplate?.trim() ? opts.labelTemplate : undefined;
  const names =
    opts.names ?? (template ? series.map((s) => renderLabel(template, labelVars(s))) : defaultSeriesNames(series));
  return series.map((s, i) =>
    measuresToFrame(s.measures, {
      refId: opts.refId,
      name: names[i],
      labels: s.labels,
      granularity: opts.granularity,
      zeroFill: opts.zeroFill,
      fromMs: opts.fromMs,
      unit: s.unit,
      executedQueryString: opts.executedQueryString,
    })
  );
}

/** A frame without fields that carries what ran and why nothing came back. */
export function emptyFrame(refId: string, executedQueryString: string, notices: QueryResultMetaNotice[]): DataFrame {
  return createDataFrame({ refId, fields: [], meta: { executedQueryString, notices } });
}
