/**
 * The fields of each query mode, one component per mode.
 */
import React, { lazy, Suspense } from 'react';
import { LoadingPlaceholder, Stack } from '@grafana/ui';

import type { GnocchiQuery, QueryMode } from '../../types';
import { selectors } from '../selectors';
import type { CodeFieldsProps } from './code/fields';
import { TextField } from './fields';

const S = selectors.queryEditor;

/**
 * `query` and `onCommit`; `datasource` (look-ups for completion) and `data` (Gnocchi's error under
 * the field it concerns) feed the code fields.
 */
export type ModeFieldsProps = CodeFieldsProps;

type Field = keyof GnocchiQuery;

function field(
  props: ModeFieldsProps,
  key: Field,
  label: string,
  extra: Partial<React.ComponentProps<typeof TextField>> = {}
) {
  return (
    <TextField
      id={`gnocchi-query-${key}`}
      label={label}
      value={props.query[key] as string | undefined}
      onCommit={(v) => props.onCommit({ [key]: v })}
      {...extra}
    />
  );
}

const resourceType = (p: ModeFieldsProps) => field(p, 'resource_type', S.resourceType, { placeholder: 'generic' });
// The code fields (Monaco adapter, completion, highlighting) load as a chunk of their own when a
// query shows them: dist/module.js stays small.
const OperationsField = lazy(() => import('./code/fields').then((m) => ({ default: m.OperationsField })));
const SearchField = lazy(() => import('./code/fields').then((m) => ({ default: m.SearchField })));
const loading = <LoadingPlaceholder text="Loading editor" />;

const search = (p: ModeFieldsProps) => (
  <Suspense fallback={loading}>
    <SearchField {...p} />
  </Suspense>
);
const aggregator = (p: ModeFieldsProps) => field(p, 'aggregator', S.aggregator, { placeholder: 'mean', width: 20 });
const grouping = (p: ModeFieldsProps) => (
  <Stack gap={0}>
    {field(p, 'groupby', S.groupby, { placeholder: 'host,flavor', width: 30 })}
    {field(p, 'fill', S.fill, { placeholder: 'dropna | null | 0', width: 16 })}
    {field(p, 'needed_overlap', S.neededOverlap, { placeholder: '0', width: 10 })}
  </Stack>
);

function DynamicAggregatesFields(p: ModeFieldsProps) {
  return (
    <>
      {resourceType(p)}
      {search(p)}
      <Suspense fallback={loading}>
        <OperationsField {...p} />
      </Suspense>
      {grouping(p)}
    </>
  );
}

function ResourceSearchFields(p: ModeFieldsProps) {
  return (
    <>
      {resourceType(p)}
      {search(p)}
      {field(p, 'metric_name', S.metricRegex, { placeholder: 'cpu_util' })}
      {aggregator(p)}
    </>
  );
}

function ResourceAggregationFields(p: ModeFieldsProps) {
  return (
    <>
      {resourceType(p)}
      {search(p)}
      {field(p, 'metric_name', S.metricName, { placeholder: 'cpu_util' })}
      {aggregator(p)}
      {field(p, 'reaggregator', S.reaggregator, { placeholder: 'mean', width: 20 })}
      {grouping(p)}
    </>
  );
}

function ResourceFields(p: ModeFieldsProps) {
  return (
    <>
      {resourceType(p)}
      {field(p, 'resource_id', S.resourceId)}
      {field(p, 'metric_name', S.metricName, { placeholder: 'cpu_util' })}
      {aggregator(p)}
    </>
  );
}

function MetricFields(p: ModeFieldsProps) {
  return (
    <>
      {field(p, 'metric_id', S.metricId)}
      {aggregator(p)}
    </>
  );
}

export const MODE_FIELDS: Record<QueryMode, (p: ModeFieldsProps) => React.JSX.Element> = {
  dynamic_aggregates: DynamicAggregatesFields,
  resource_search: ResourceSearchFields,
  resource_aggregation: ResourceAggregationFields,
  resource: ResourceFields,
  metric: MetricFields,
};

/** Modes whose series are single metrics, where missing buckets can be drawn as zeros. */
export const ZERO_FILL_MODES: QueryMode[] = ['metric', 'resource', 'resource_search'];
