/**
 * Builder mode of the other query modes (resource search, aggregated search, resource, metric):
 * pickers for the resource type, metric name and aggregation methods, text for the rest. Each
 * pick or blur commits one field, as code mode does.
 */
import React, { useCallback } from 'react';
import { EditorRow, EditorRows } from '@grafana/plugin-ui';

import type { LookupApi } from '../../../api/resources';
import type { GnocchiQuery, QueryMode } from '../../../types';
import { selectors } from '../../selectors';
import { CROSS_AGGREGATIONS } from './model';
import { BlurInput, MultiPicker, Picker } from './Picker';

const Q = selectors.queryEditor;

interface Props {
  mode: Exclude<QueryMode, 'dynamic_aggregates'>;
  query: GnocchiQuery;
  lookups?: LookupApi;
  onCommit: (patch: Partial<GnocchiQuery>) => void;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function ModeBuilder({ mode, query, lookups, onCommit }: Props) {
  const type = text(query.resource_type);
  const types = useCallback(async () => (lookups ? lookups.resourceTypes() : []), [lookups]);
  const metrics = useCallback(async () => (lookups ? lookups.metricNames(type) : []), [lookups, type]);
  const attributes = useCallback(async () => (lookups ? lookups.attributes(type) : []), [lookups, type]);
  const methods = useCallback(async () => (lookups ? lookups.aggregationMethods() : []), [lookups]);
  const cross = useCallback(async () => CROSS_AGGREGATIONS, []);
  const input = (key: keyof GnocchiQuery, label: string, placeholder = '', width = 40) => (
    <BlurInput
      label={label}
      value={text(query[key])}
      placeholder={placeholder}
      width={width}
      onCommit={(v) => onCommit({ [key]: v })}
    />
  );
  const search = mode === 'resource_search' || mode === 'resource_aggregation';
  return (
    <EditorRows>
      <EditorRow>
        {mode !== 'metric' && (
          <Picker
            label={Q.resourceType}
            value={type}
            load={types}
            onPick={(v) => onCommit({ resource_type: v })}
            placeholder="generic"
          />
        )}
        {search && input('resource_search', Q.search, "host = 'compute-1'", 60)}
        {mode === 'resource' && input('resource_id', Q.resourceId)}
        {mode === 'metric' && input('metric_id', Q.metricId)}
      </EditorRow>
      <EditorRow>
        {mode !== 'metric' && (
          <Picker
            label={mode === 'resource_search' ? Q.metricRegex : Q.metricName}
            value={text(query.metric_name)}
            load={metrics}
            onPick={(v) => onCommit({ metric_name: v })}
            placeholder="cpu_util"
            tooltip={mode === 'resource_search' ? 'A name, or a regular expression of names' : undefined}
          />
        )}
        <Picker
          label={Q.aggregator}
          value={text(query.aggregator)}
          load={methods}
          onPick={(v) => onCommit({ aggregator: v })}
          placeholder="mean"
          width={16}
        />
        {mode === 'resource_aggregation' && (
          <>
            <Picker
              label={Q.reaggregator}
              value={text(query.reaggregator)}
              load={cross}
              onPick={(v) => onCommit({ reaggregator: v })}
              placeholder="none"
              width={14}
            />
            <MultiPicker
              label={Q.groupby}
              values={text(query.groupby)
                .split(',')
                .map((g) => g.trim())
                .filter(Boolean)}
              load={attributes}
              onPick={(g) => onCommit({ groupby: g.join(',') })}
              placeholder="no grouping"
            />
            {input('fill', Q.fill, 'dropna | null | 0', 16)}
            {input('needed_overlap', Q.neededOverlap, '0', 10)}
          </>
        )}
      </EditorRow>
    </EditorRows>
  );
}
