/**
 * The editor of a query variable: a kind, then the fields that kind uses. A saved 1.x string
 * (`resources(...)`, `metrics(...)`) is shown migrated and saved once in the new form; one that
 * does not parse stays a 1.x query, editable as text.
 */
import React, { useEffect, useId, useMemo } from 'react';
import { Combobox, ComboboxOption, InlineField, Stack } from '@grafana/ui';
import type { QueryEditorProps } from '@grafana/data';

import type { LookupApi } from '../api/resources';
import { selectors } from '../components/selectors';
import { LABEL_WIDTH, TextField } from '../components/QueryEditor/fields';
import { migrateVariableQuery } from '../migrations/variableQuery';
import type { GnocchiVariableQuery, VariableKind } from '../types';

const S = selectors.variableEditor;

export const VARIABLE_KINDS: Array<ComboboxOption<VariableKind>> = [
  { value: 'resources', label: 'Resources', description: 'Resources of a type matching a search' },
  { value: 'attribute_values', label: 'Attribute values', description: 'Values of one attribute across resources' },
  { value: 'metric_names', label: 'Metric names', description: 'Metric names of matching resources (or of one)' },
  { value: 'resource_types', label: 'Resource types' },
  { value: 'aggregation_methods', label: 'Aggregation methods', description: 'Of the archive policies' },
  { value: 'granularities', label: 'Granularities', description: 'Of the archive policies, in seconds' },
  { value: 'legacy', label: '1.x query', description: 'resources(...) / metrics(...) as text' },
];

const SEARCH_TIP =
  "Gnocchi filter (host = 'compute-1', or JSON). $__searchFilter is what you type in the variable picker, " +
  'as a prefix pattern: display_name like $__searchFilter searches long lists on the server.';

/** Grafana passes a saved 1.x string as it was saved. */
type Props = Omit<QueryEditorProps<any, any, any, GnocchiVariableQuery>, 'query'> & {
  query: GnocchiVariableQuery | string;
};

/** Option loaders from the data source's look-ups (none when the editor runs without them). */
function loaders(lookups: LookupApi | undefined, type: string) {
  const asOptions = (names: string[], input: string) =>
    names.filter((n) => n.toLowerCase().includes(input.toLowerCase())).map((value) => ({ value }));
  return {
    types: async (input: string) => asOptions((await lookups?.resourceTypes()) ?? [], input),
    attributes: async (input: string) => asOptions((await lookups?.attributes(type)) ?? [], input),
  };
}

export function VariableQueryEditor({ query: saved, onChange, datasource }: Props) {
  const query = useMemo(() => migrateVariableQuery(saved), [saved]);
  // Combobox ids label the pickers (InlineField links its label to them): Grafana 12.3's Combobox
  // has no `aria-label` prop (later versions do). Unique: several editors can be on a page.
  const uid = useId();
  useEffect(() => {
    if (query !== saved) {
      onChange(query);
    }
    // Grafana passes a new onChange on each render: depend on the query only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, saved]);
  const commit = (patch: Partial<GnocchiVariableQuery>) => onChange({ ...query, ...patch });
  const kind = query.kind ?? 'resources';
  const load = loaders((datasource as { lookups?: LookupApi } | undefined)?.lookups, query.resource_type ?? '');
  const text = (
    key: keyof GnocchiVariableQuery,
    label: string,
    extra: Partial<React.ComponentProps<typeof TextField>>
  ) => (
    <TextField
      label={label}
      value={query[key] as string | undefined}
      onCommit={(v) => commit({ [key]: v })}
      {...extra}
    />
  );
  const combo = (
    key: 'resource_type' | 'attribute' | 'value',
    label: string,
    options: (input: string) => Promise<Array<ComboboxOption<string>>>,
    placeholder: string
  ) => (
    <InlineField label={label} labelWidth={LABEL_WIDTH}>
      <Combobox
        id={`${uid}-${key}`}
        aria-label={label}
        options={options}
        value={query[key] ?? null}
        placeholder={placeholder}
        createCustomValue
        width={40}
        onChange={(o) => commit({ [key]: o.value })}
      />
    </InlineField>
  );
  const lists = ['resources', 'attribute_values', 'metric_names'].includes(kind);
  return (
    <Stack direction="column" gap={0}>
      <InlineField label={S.kind} labelWidth={LABEL_WIDTH}>
        <Combobox
          id={`${uid}-kind`}
          aria-label={S.kind}
          options={VARIABLE_KINDS}
          value={kind}
          width={40}
          onChange={(o) => commit({ kind: o.value })}
        />
      </InlineField>
      {kind === 'legacy' &&
        text('query', S.legacy, { multiline: true, placeholder: 'resources(instance, ${display_name}, id, )' })}
      {lists && combo('resource_type', S.resourceType, load.types, 'generic')}
      {kind === 'metric_names' &&
        text('resource_id', S.resourceId, { placeholder: 'one resource (else the search)', tooltip: 'Id or $var' })}
      {lists && text('search', S.search, { multiline: true, tooltip: SEARCH_TIP, placeholder: 'all resources' })}
      {kind === 'resources' && combo('value', S.value, load.attributes, 'id (or metrics.cpu_util)')}
      {kind === 'resources' && text('text', S.text, { placeholder: '${display_name}' })}
      {kind === 'attribute_values' && combo('attribute', S.attribute, load.attributes, 'host')}
      {(kind === 'aggregation_methods' || kind === 'granularities') &&
        text('metric', S.metric, { placeholder: 'every archive policy', tooltip: 'Only the policy of this metric' })}
    </Stack>
  );
}
