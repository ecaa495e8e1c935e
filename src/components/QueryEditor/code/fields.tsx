/**
 * The two code fields of the query editor (operations, resource search) wired to the data
 * source: completion from its memoized look-ups and the dashboard's variables, Gnocchi's last
 * error under the field it concerns.
 */
import React, { useMemo } from 'react';
import type { PanelData } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';

import type { ContextSource } from '../../../language/monaco';
import type { GnocchiQuery } from '../../../types';
import { selectors } from '../../selectors';
import { CodeField } from './CodeField';
import { completionContext, LookupsLike } from './context';
import { fieldErrors } from './errors';

const S = selectors.queryEditor;

export interface CodeFieldsProps {
  query: GnocchiQuery;
  onCommit: (patch: Partial<GnocchiQuery>) => void;
  /** The data source: its look-ups feed completion (without it, only the languages' own words). */
  datasource?: { lookups?: LookupsLike };
  /** The last run's data: Gnocchi's error is shown under the field it concerns. */
  data?: PanelData;
}

interface TemplateSrvView {
  getVariables(): Array<{ name: string }>;
  replace(text: string): string;
}

function templateSrv(): TemplateSrvView | undefined {
  try {
    return getTemplateSrv() as TemplateSrvView | undefined;
  } catch {
    return undefined;
  }
}

/** Dashboard variable names (none when Grafana has no template service, e.g. in tests). */
export function variableNames(): string[] {
  return (templateSrv()?.getVariables() ?? []).map((v) => v.name);
}

/** The completion context of a query's code fields: look-ups of its resource type, variables. */
export function useCodeContext(p: CodeFieldsProps): ContextSource {
  const lookups = p.datasource?.lookups;
  const type = p.query.resource_type ?? '';
  return useMemo((): ContextSource => {
    return (_model, language, at) => {
      const srv = templateSrv();
      const resourceType = srv && type.includes('$') ? srv.replace(type) : type;
      return completionContext({ lookups, resourceType, variables: variableNames }, language, at);
    };
  }, [lookups, type]);
}

function useErrors(p: CodeFieldsProps) {
  const mode = p.query.queryMode ?? 'resource_search';
  return useMemo(() => fieldErrors(p.data, p.query.refId, mode), [p.data, p.query.refId, mode]);
}

export function OperationsField(p: CodeFieldsProps) {
  const context = useCodeContext(p);
  const errors = useErrors(p);
  return (
    <CodeField
      id="gnocchi-query-operations"
      label={S.operations}
      language="operations"
      value={p.query.operations}
      onCommit={(operations) => p.onCommit({ operations })}
      context={context}
      serverError={errors.operations}
      tooltip="Gnocchi operations, e.g. (aggregate mean (metric cpu rate:mean)); Ctrl+Space completes"
      placeholder="(aggregate mean (metric cpu_util mean))"
    />
  );
}

export function SearchField(p: CodeFieldsProps) {
  const context = useCodeContext(p);
  const errors = useErrors(p);
  return (
    <CodeField
      id="gnocchi-query-resource_search"
      label={S.search}
      language="search"
      value={p.query.resource_search}
      onCommit={(resource_search) => p.onCommit({ resource_search })}
      context={context}
      serverError={errors.search}
      tooltip={`Gnocchi filter, e.g. host = 'compute-1', or JSON {"=": {"host": "compute-1"}}; Ctrl+Space completes`}
      placeholder={`host = 'compute-1'   or   {"=": {"host": "compute-1"}}`}
    />
  );
}
