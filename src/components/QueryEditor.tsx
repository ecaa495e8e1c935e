import React, { ChangeEvent } from 'react';
import { InlineField, InlineSwitch, Input, Combobox, Stack, TextArea } from '@grafana/ui';
import { QueryEditorProps } from '@grafana/data';
import { DataSource } from '../datasource';
import { GnocchiOptions, GnocchiQuery, QUERY_MODES, QueryMode } from '../types';
import { withDefaults } from '../query/requests';

type Props = QueryEditorProps<DataSource, GnocchiQuery, GnocchiOptions>;

const W = 18;

export function QueryEditor({ query: raw, onChange, onRunQuery }: Props) {
  const query = withDefaults(raw);
  const mode: QueryMode = query.queryMode ?? 'resource_search';
  const set = (patch: Partial<GnocchiQuery>, run = false) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const text = (key: keyof GnocchiQuery) => (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    set({ [key]: e.currentTarget.value } as Partial<GnocchiQuery>);
  const input = (key: keyof GnocchiQuery, label: string, placeholder?: string, width = 40) => (
    <InlineField label={label} labelWidth={W}>
      <Input
        id={`gnocchi-query-${key}`}
        value={(query[key] as string | undefined) ?? ''}
        placeholder={placeholder}
        width={width}
        onChange={text(key)}
        onBlur={onRunQuery}
      />
    </InlineField>
  );
  const usesSearch = mode === 'dynamic_aggregates' || mode === 'resource_search' || mode === 'resource_aggregation';

  return (
    <Stack direction="column" gap={0}>
      <InlineField label="Query mode" labelWidth={W}>
        <Combobox
          id="gnocchi-query-mode"
          options={QUERY_MODES}
          value={mode}
          width={40}
          onChange={(v) => set({ queryMode: v.value }, true)}
        />
      </InlineField>
      {mode !== 'metric' && input('resource_type', 'Resource type', 'generic')}
      {usesSearch && (
        <InlineField label="Resource search" labelWidth={W} tooltip="Gnocchi filter, e.g. host = 'compute-1', or JSON">
          <TextArea
            id="gnocchi-query-resource_search"
            value={query.resource_search ?? ''}
            placeholder={`host = 'compute-1'   or   {"=": {"host": "compute-1"}}`}
            rows={2}
            cols={60}
            onChange={text('resource_search')}
            onBlur={onRunQuery}
          />
        </InlineField>
      )}
      {mode === 'dynamic_aggregates' && (
        <InlineField label="Operations" labelWidth={W}>
          <TextArea
            id="gnocchi-query-operations"
            value={query.operations ?? ''}
            placeholder="(aggregate mean (metric cpu_util mean))"
            rows={2}
            cols={60}
            onChange={text('operations')}
            onBlur={onRunQuery}
          />
        </InlineField>
      )}
      {mode === 'resource' && input('resource_id', 'Resource id')}
      {mode === 'metric' && input('metric_id', 'Metric id')}
      {(mode === 'resource' || mode === 'resource_search' || mode === 'resource_aggregation') &&
        input('metric_name', mode === 'resource_search' ? 'Metric regex' : 'Metric name', 'cpu_util')}
      {mode !== 'dynamic_aggregates' && input('aggregator', 'Aggregation', 'mean', 20)}
      {mode === 'resource_aggregation' && input('reaggregator', 'Reaggregation', 'mean', 20)}
      {(mode === 'dynamic_aggregates' || mode === 'resource_aggregation') && (
        <Stack gap={0}>
          {input('groupby', 'Group by', 'host,flavor', 30)}
          {input('fill', 'Fill', 'dropna | null | 0', 16)}
          {input('needed_overlap', 'Needed overlap %', '0', 10)}
        </Stack>
      )}
      <Stack gap={0}>
        {input('granularity', 'Granularity (s)', 'auto', 16)}
        {input('label', 'Label', '${display_name} $metric', 40)}
        {(mode === 'metric' || mode === 'resource' || mode === 'resource_search') && (
          <InlineField label="Missing as zero" labelWidth={W}>
            <InlineSwitch
              id="gnocchi-query-zero"
              value={!!query.draw_missing_datapoint_as_zero}
              onChange={(e) => set({ draw_missing_datapoint_as_zero: e.currentTarget.checked }, true)}
            />
          </InlineField>
        )}
      </Stack>
    </Stack>
  );
}
