/**
 * Grafana's custom variable support: the variable editor, and `query()` for query variables.
 * Saved 1.x strings (and `{query}` objects) arrive as they were saved and run through the 1.x
 * parser unchanged; the editor shows them migrated (`migrateVariableQuery`) and saves that once.
 */
import {
  CustomVariableSupport,
  DataQueryRequest,
  DataQueryResponse,
  FieldType,
  LoadingState,
  MetricFindValue,
  ScopedVars,
  createDataFrame,
} from '@grafana/data';
import { toDataQueryError } from '@grafana/runtime';
import { Observable } from 'rxjs';

import type { GnocchiClient } from '../client';
import { lazyComponent } from '../components/lazyComponent';
import { isLegacyVariableQuery, VARIABLE_REF_ID } from '../migrations/variableQuery';
import type { TemplateSrvLike } from '../query/interpolate';
import type { GnocchiQuery, GnocchiVariableQuery } from '../types';
import { runVariableKind } from './kinds';
import { variableValues } from './run';

/** The variable editor loads as a chunk of its own when a variable is edited. */
const VariableQueryEditor = lazyComponent(
  () => import('./VariableQueryEditor').then((m) => m.VariableQueryEditor),
  'Loading the variable editor'
);

/** What the variable support needs of the data source. */
export interface VariableHost {
  readonly client: GnocchiClient;
  readonly variableTemplateSrv: TemplateSrvLike;
}

/** A saved variable query (any form) → its values. */
export function findVariableValues(
  host: VariableHost,
  saved: string | GnocchiVariableQuery,
  scopedVars: ScopedVars = {}
): Promise<MetricFindValue[]> {
  if (isLegacyVariableQuery(saved)) {
    const text = typeof saved === 'string' ? saved : (saved.query ?? '');
    return variableValues(host.client, text, host.variableTemplateSrv, scopedVars);
  }
  return runVariableKind(
    { client: host.client, templateSrv: host.variableTemplateSrv, scopedVars },
    saved as GnocchiVariableQuery
  );
}

/** Values as the frame Grafana reads variable options from (`text` and `value` fields). */
export function valuesFrame(values: MetricFindValue[], refId: string) {
  return createDataFrame({
    refId,
    fields: [
      { name: 'text', type: FieldType.string, values: values.map((v) => String(v.text)) },
      { name: 'value', type: FieldType.string, values: values.map((v) => String(v.value ?? v.text)) },
    ],
  });
}

export class GnocchiVariableSupport extends CustomVariableSupport<any, GnocchiVariableQuery, GnocchiQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly host: VariableHost) {
    super();
  }

  getDefaultQuery(): Partial<GnocchiVariableQuery> {
    return { refId: VARIABLE_REF_ID, kind: 'resources', resource_type: 'generic', value: 'id' };
  }

  query(request: DataQueryRequest<GnocchiVariableQuery>): Observable<DataQueryResponse> {
    const saved = request.targets[0] as string | GnocchiVariableQuery | undefined;
    const refId = (typeof saved === 'object' && saved?.refId) || VARIABLE_REF_ID;
    return new Observable<DataQueryResponse>((subscriber) => {
      const job = saved === undefined ? Promise.resolve([]) : findVariableValues(this.host, saved, request.scopedVars);
      job.then(
        (values) => {
          subscriber.next({ data: [valuesFrame(values, refId)], key: request.requestId, state: LoadingState.Done });
          subscriber.complete();
        },
        (e) => {
          const err = toDataQueryError(e);
          subscriber.next({
            data: [],
            key: request.requestId,
            state: LoadingState.Error,
            errors: [{ message: err.message, status: err.status, refId }],
          });
          subscriber.complete();
        }
      );
    });
  }
}
