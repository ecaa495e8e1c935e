/**
 * The editor of a lifecycle annotation: resource type, search, which events, title and text
 * templates over the resource attributes (plus `$event`), and the attributes whose values are tags.
 */
import React, { useId } from 'react';
import { Combobox, ComboboxOption, InlineField, Stack } from '@grafana/ui';
import type { QueryEditorProps } from '@grafana/data';

import type { LookupApi } from '../api/resources';
import { selectors } from '../components/selectors';
import { LABEL_WIDTH, TextField } from '../components/QueryEditor/fields';
import type { GnocchiAnnotationQuery, LifecycleEvent } from '../types';
import { LIFECYCLE_DEFAULTS } from './lifecycle';

const S = selectors.annotationEditor;

export const LIFECYCLE_EVENTS: Array<ComboboxOption<LifecycleEvent>> = [
  { value: 'both', label: 'Created and deleted', description: 'A point at started_at and one at ended_at' },
  { value: 'created', label: 'Created', description: 'A point at started_at' },
  { value: 'deleted', label: 'Deleted', description: 'A point at ended_at' },
  { value: 'region', label: 'Lifetime', description: 'A region from started_at to ended_at (or now)' },
];

type Props = QueryEditorProps<any, any, any, any>;

export function AnnotationQueryEditor({ query, onChange, datasource }: Props) {
  const q = (query ?? {}) as GnocchiAnnotationQuery;
  // Combobox ids label the pickers (InlineField links its label to them): Grafana 12.3's Combobox
  // has no `aria-label` prop (later versions do).
  const uid = useId();
  const commit = (patch: Partial<GnocchiAnnotationQuery>) =>
    onChange({ ...q, refId: q.refId || 'Anno', queryType: 'lifecycle', ...patch });
  const field = (
    key: keyof GnocchiAnnotationQuery,
    label: string,
    extra: Partial<React.ComponentProps<typeof TextField>>
  ) => (
    <TextField label={label} value={q[key] as string | undefined} onCommit={(v) => commit({ [key]: v })} {...extra} />
  );
  const lookups = (datasource as { lookups?: LookupApi } | undefined)?.lookups;
  const types = async (input: string) =>
    ((await lookups?.resourceTypes()) ?? []).filter((t) => t.includes(input)).map((value) => ({ value }));
  return (
    <Stack direction="column" gap={0}>
      <InlineField label={S.resourceType} labelWidth={LABEL_WIDTH}>
        <Combobox
          id={`${uid}-type`}
          aria-label={S.resourceType}
          options={types}
          value={q.resource_type ?? null}
          placeholder={LIFECYCLE_DEFAULTS.resource_type}
          createCustomValue
          width={40}
          onChange={(o) => commit({ resource_type: o.value })}
        />
      </InlineField>
      {field('resource_search', S.search, {
        multiline: true,
        placeholder: "all resources   or   host = 'compute-1'",
        tooltip: 'Gnocchi filter (string or JSON); the time range is added to it on the server',
      })}
      <InlineField label={S.event} labelWidth={LABEL_WIDTH}>
        <Combobox
          id={`${uid}-event`}
          aria-label={S.event}
          options={LIFECYCLE_EVENTS}
          value={q.event ?? LIFECYCLE_DEFAULTS.event}
          width={40}
          onChange={(o) => commit({ event: o.value })}
        />
      </InlineField>
      {field('title', S.title, { placeholder: LIFECYCLE_DEFAULTS.title, tooltip: '$attr, ${attr} and $event' })}
      {field('text', S.text, { placeholder: LIFECYCLE_DEFAULTS.text, tooltip: '$attr, ${attr} and $event' })}
      {field('tags', S.tags, { placeholder: 'host, flavor' })}
    </Stack>
  );
}
