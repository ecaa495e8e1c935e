import React, { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Combobox, InlineField, LoadingPlaceholder, Stack } from '@grafana/ui';
import { QueryEditorMode, QueryEditorModeToggle } from '@grafana/plugin-ui';
import type { QueryEditorProps } from '@grafana/data';

import type { DataSource } from '../../datasource';
import { useMigratedQuery } from '../../migrations/useMigratedQuery';
import { GnocchiOptions, GnocchiQuery, QUERY_MODES, QueryMode } from '../../types';
import { selectors } from '../selectors';
import { fromQuery, FromQuery } from './builder/model';
import { LABEL_WIDTH, SwitchField, TextField } from './fields';
import { MODE_FIELDS, ModeFieldsProps, ZERO_FILL_MODES } from './modes';
import { RequestPreview } from './RequestPreview';
import { isQueryValid } from './validation';

type Props = QueryEditorProps<DataSource, GnocchiQuery, GnocchiOptions>;
type EditorMode = NonNullable<GnocchiQuery['editorMode']>;

const S = selectors.queryEditor;

// The builder's pickers load as a chunk of their own (module.js stays small): the first time a
// builder is shown.
const DynamicBuilder = lazy(() => import('./builder/DynamicBuilder').then((m) => ({ default: m.DynamicBuilder })));
const ModeBuilder = lazy(() => import('./builder/ModeBuilder').then((m) => ({ default: m.ModeBuilder })));

/** Can the builder show this query exactly? (The other modes' builders show every field.) */
function builderView(query: GnocchiQuery, mode: QueryMode): FromQuery | { model?: undefined; reason?: undefined } {
  return mode === 'dynamic_aggregates' ? fromQuery(query) : {};
}

export function QueryEditor({ query: saved, onChange, onRunQuery, datasource, data }: Props) {
  const query = useMigratedQuery(saved, onChange);
  // Migration gives every query a mode (a saved 1.x query without one is a resource search).
  const mode: QueryMode = query.queryMode ?? 'resource_search';
  const view = useMemo(() => builderView(query, mode), [query, mode]);
  // A query saved without a choice opens in the builder when the builder can show it, and stays
  // in the view it opened in (a code edit that becomes representable does not flip the view).
  const [opened] = useState<EditorMode>(() => (view.reason ? 'code' : 'builder'));
  const [refused, setRefused] = useState<string>();
  const wanted: EditorMode = query.editorMode ?? opened;
  const editorMode: EditorMode = wanted === 'builder' && view.reason ? 'code' : wanted;
  const notice = refused ?? (wanted === 'builder' && view.reason ? view.reason : undefined);

  // A query whose operations or search do not parse is saved (nothing typed is lost) but not run:
  // the error is shown under its field before any request.
  const commit = (patch: Partial<GnocchiQuery>) => {
    const next = { ...query, ...patch };
    onChange(next);
    if (isQueryValid(next)) {
      onRunQuery();
    }
  };
  const toggle = (m: QueryEditorMode) => {
    if (m === QueryEditorMode.Builder && view.reason) {
      setRefused(view.reason);
      return;
    }
    setRefused(undefined);
    if (m !== editorMode) {
      onChange({ ...query, editorMode: m === QueryEditorMode.Builder ? 'builder' : 'code' });
    }
  };
  const lookups = (datasource as Partial<DataSource> | undefined)?.lookups;
  const Fields = MODE_FIELDS[mode];
  const dynamicBuilder = editorMode === 'builder' && mode === 'dynamic_aggregates' && view.model;
  return (
    <Stack direction="column" gap={1}>
      <Stack justifyContent="space-between" alignItems="center">
        <InlineField label={S.mode} labelWidth={LABEL_WIDTH}>
          <Combobox
            id="gnocchi-query-mode"
            aria-label={S.mode}
            options={QUERY_MODES}
            value={mode}
            width={40}
            onChange={(v) => commit({ queryMode: v.value })}
          />
        </InlineField>
        <QueryEditorModeToggle
          mode={editorMode === 'builder' ? QueryEditorMode.Builder : QueryEditorMode.Code}
          onChange={toggle}
        />
      </Stack>
      {notice && (
        <Alert
          severity="info"
          title={S.editorModeRefused}
          aria-label={S.editorModeRefused}
          onRemove={() => setRefused(undefined)}
        >
          The builder cannot show this query exactly: {notice}. It stays in code mode, unchanged.
        </Alert>
      )}
      <Suspense fallback={<LoadingPlaceholder text="Loading the builder…" />}>
        {dynamicBuilder ? (
          <DynamicBuilder
            query={query}
            model={view.model}
            lookups={lookups}
            onChange={onChange}
            onRunQuery={onRunQuery}
          />
        ) : editorMode === 'builder' && mode !== 'dynamic_aggregates' ? (
          <ModeBuilder mode={mode} query={query} lookups={lookups} onCommit={commit} />
        ) : (
          <Fields {...({ query, onCommit: commit, datasource, data } as ModeFieldsProps)} />
        )}
      </Suspense>
      <Stack gap={0}>
        {!dynamicBuilder && (
          <>
            <TextField
              id="gnocchi-query-granularity"
              label={S.granularity}
              value={query.granularity}
              placeholder="auto"
              width={16}
              onCommit={(granularity) => commit({ granularity })}
            />
            <TextField
              id="gnocchi-query-label"
              label={S.label}
              value={query.label}
              placeholder="${display_name} $metric"
              onCommit={(label) => commit({ label })}
            />
          </>
        )}
        {ZERO_FILL_MODES.includes(mode) && (
          <SwitchField
            id="gnocchi-query-zero"
            label={S.zeroFill}
            value={query.draw_missing_datapoint_as_zero === true}
            onCommit={(v) => commit({ draw_missing_datapoint_as_zero: v })}
          />
        )}
      </Stack>
      <RequestPreview data={data} />
    </Stack>
  );
}
