import React from 'react';
import { Combobox, InlineField, Stack } from '@grafana/ui';
import type { QueryEditorProps } from '@grafana/data';

import type { DataSource } from '../../datasource';
import { useMigratedQuery } from '../../migrations/useMigratedQuery';
import { GnocchiOptions, GnocchiQuery, QUERY_MODES, QueryMode } from '../../types';
import { selectors } from '../selectors';
import { LABEL_WIDTH, SwitchField, TextField } from './fields';
import { MODE_FIELDS, ZERO_FILL_MODES } from './modes';
import { isQueryValid } from './validation';

type Props = QueryEditorProps<DataSource, GnocchiQuery, GnocchiOptions>;

const S = selectors.queryEditor;

export function QueryEditor({ query: saved, onChange, onRunQuery }: Props) {
  const query = useMigratedQuery(saved, onChange);
  // Migration gives every query a mode (a saved 1.x query without one is a resource search).
  const mode: QueryMode = query.queryMode ?? 'resource_search';
  // A query whose operations or search do not parse is saved (nothing typed is lost) but not run:
  // the error is shown under its field before any request.
  const commit = (patch: Partial<GnocchiQuery>) => {
    const next = { ...query, ...patch };
    onChange(next);
    if (isQueryValid(next)) {
      onRunQuery();
    }
  };
  const Fields = MODE_FIELDS[mode];
  return (
    <Stack direction="column" gap={0}>
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
      <Fields query={query} onCommit={commit} />
      <Stack gap={0}>
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
        {ZERO_FILL_MODES.includes(mode) && (
          <SwitchField
            id="gnocchi-query-zero"
            label={S.zeroFill}
            value={query.draw_missing_datapoint_as_zero === true}
            onCommit={(v) => commit({ draw_missing_datapoint_as_zero: v })}
          />
        )}
      </Stack>
    </Stack>
  );
}
