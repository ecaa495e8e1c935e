/**
 * The dynamic-aggregates builder: resource type → conditions → metric → aggregation method →
 * cross-resource aggregation → group by → steps → granularity → label. Every pick commits the
 * query (the saved fields of code mode); the query runs only once it is complete.
 */
import React, { useCallback, useEffect, useRef, useState } from 'react';
import { EditorRow, EditorRows } from '@grafana/plugin-ui';
import { Text } from '@grafana/ui';

import type { LookupApi } from '../../../api/resources';
import { hasVariable } from '../../../language/common';
import type { GnocchiArchivePolicy, GnocchiQuery } from '../../../types';
import { selectors } from '../../selectors';
import { Conditions } from './Conditions';
import { BuilderModel, CROSS_AGGREGATIONS, fromQuery, missing, searchText, toQuery } from './model';
import { BlurInput, MultiPicker, Picker } from './Picker';
import { Steps } from './Steps';

const S = selectors.queryEditor.builder;
const Q = selectors.queryEditor;

/** Seconds of a Gnocchi timespan (`300`, `0:05:00`, `1 day, 0:00:00`). */
export function seconds(g: string | number): number {
  if (typeof g === 'number' || /^\d+(\.\d+)?$/.test(g)) {
    return Number(g);
  }
  const m = /^(?:(\d+) days?, )?(\d+):(\d\d):(\d\d)/.exec(g);
  return m ? Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]) : NaN;
}

/** Granularities (seconds, finest first) and aggregation methods of a policy. */
export function policyChoices(p: GnocchiArchivePolicy | undefined) {
  const grains = (p?.definition ?? []).map((d) => seconds(d.granularity)).filter((s) => s > 0);
  return {
    granularities: [...new Set(grains)].sort((a, b) => a - b).map(String),
    methods: p?.aggregation_methods ?? [],
  };
}

/** Does the query hold exactly these builder fields? */
function holds(q: GnocchiQuery, m: BuilderModel): boolean {
  return Object.entries(toQuery(m)).every(([k, v]) => (q[k as keyof GnocchiQuery] ?? '') === v || k === 'queryMode');
}

interface Props {
  query: GnocchiQuery;
  model: BuilderModel;
  lookups?: LookupApi;
  onChange: (q: GnocchiQuery) => void;
  onRunQuery: () => void;
}

export function DynamicBuilder({ query, model: initial, lookups, onChange, onRunQuery }: Props) {
  // The model keeps drafts the saved query cannot hold (a condition without its value).
  const [state, setState] = useState({ model: initial, source: query });
  let model = state.model;
  if (state.source !== query) {
    model = holds(query, state.model) ? state.model : (fromQuery(query).model ?? initial);
    setState({ model, source: query });
  }
  const update = (patch: Partial<BuilderModel>) => {
    const next = { ...model, ...patch };
    const saved = { ...query, ...toQuery(next) };
    setState({ model: next, source: holds(query, next) ? query : saved });
    if (!holds(query, next)) {
      onChange(saved);
      if (!missing(next)) {
        onRunQuery();
      }
    }
  };
  const type = model.resourceType;
  const search = searchText(model);
  const types = useCallback(async () => (lookups ? lookups.resourceTypes() : []), [lookups]);
  const attributes = useCallback(async () => (lookups ? lookups.attributes(type) : []), [lookups, type]);
  const metrics = useCallback(
    async () => (lookups ? lookups.matchingMetricNames(type, hasVariable(search) ? '' : search) : []),
    [lookups, type, search]
  );
  const policy = useCallback(
    async () =>
      policyChoices(lookups && !hasVariable(model.metric) ? await lookups.metricPolicy(model.metric) : undefined),
    [lookups, model.metric]
  );
  const methods = useCallback(async () => (await policy()).methods, [policy]);
  const grains = useCallback(async () => ['auto', ...(await policy()).granularities], [policy]);
  const cross = useCallback(async () => CROSS_AGGREGATIONS, []);
  // A pick commits at once (Grafana 12.3's Combobox must see its new value in the same turn); a
  // default method the metric's policy lacks is then replaced by the policy's first one.
  const latest = useRef({ model, update });
  useEffect(() => {
    latest.current = { model, update };
  });
  const pickMetric = (metric: string) => {
    const defaulted = !model.aggregation;
    update({ metric, aggregation: model.aggregation || 'mean' });
    if (defaulted && lookups && !hasVariable(metric)) {
      lookups
        .metricPolicy(metric)
        .then((p) => {
          const all = policyChoices(p).methods;
          const now = latest.current.model;
          if (now.metric === metric && now.aggregation === 'mean' && all.length && !all.includes('mean')) {
            latest.current.update({ aggregation: all[0] });
          }
        })
        .catch(() => undefined);
    }
  };
  const attrs = ['$metric', '$aggregation', ...model.groupby.map((g) => `\${${g}}`)].join(', ');
  const waiting = missing(model);
  return (
    <EditorRows>
      <EditorRow>
        <Picker
          label={Q.resourceType}
          value={type}
          load={types}
          onPick={(resourceType) => update({ resourceType })}
          placeholder="generic"
        />
        <Conditions model={model} lookups={lookups} onChange={update} />
      </EditorRow>
      <EditorRow>
        <Picker
          label={S.metric}
          value={model.metric}
          load={metrics}
          onPick={pickMetric}
          placeholder="cpu"
          tooltip="Metric names of the matching resources"
        />
        <Picker
          label={S.aggregation}
          value={model.aggregation}
          load={methods}
          onPick={(aggregation) => update({ aggregation })}
          placeholder="mean"
          tooltip="Aggregation methods of the metric's archive policy (rate:mean for counters such as cpu)"
          width={16}
        />
        <Picker
          label={S.crossAggregation}
          value={model.reaggregation}
          load={cross}
          onPick={(reaggregation) => update({ reaggregation })}
          tooltip="Aggregate the metric across the matching resources (per group)"
          width={14}
        />
        <MultiPicker
          label={Q.groupby}
          values={model.groupby}
          load={attributes}
          onPick={(groupby) => update({ groupby })}
          placeholder="no grouping"
        />
      </EditorRow>
      <EditorRow>
        <Steps steps={model.steps} onChange={(steps) => update({ steps })} />
      </EditorRow>
      <EditorRow>
        <Picker
          label={S.granularity}
          value={model.granularity || 'auto'}
          load={grains}
          onPick={(g) => update({ granularity: g === 'auto' ? '' : g })}
          tooltip="Seconds, from the metric's archive policy; auto picks one for the panel's interval"
          width={14}
        />
        <BlurInput
          label={Q.label}
          value={model.label}
          width={40}
          placeholder="${host} $metric"
          tooltip={`Series name: ${attrs}, or any \${attribute} of the resources`}
          onCommit={(label) => update({ label })}
        />
      </EditorRow>
      {waiting && (
        <span aria-label={S.incomplete}>
          <Text color="secondary" italic>
            Choose {waiting} to run the query.
          </Text>
        </span>
      )}
    </EditorRows>
  );
}
