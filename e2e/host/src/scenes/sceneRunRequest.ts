/**
 * The `runRequest` the host hands to @grafana/scenes (`setRunRequest`), as Grafana core's
 * `public/app/features/query/state/runRequest.ts` does it (pure; no scenes import):
 *
 * - empty targets (only refId/hide/key/queryType/datasource) get the data source's
 *   `getDefaultQuery(CoreApp.PanelEditor)` merged in (callQueryMethod);
 * - `filterQuery` drops targets first, unless a `queryFunction` is given (variables);
 * - `queryFunction ?? ds.query`, each response mapped to PanelData: frames whose
 *   `meta.dataTopic` is `annotations` go to `annotations`, the others to `series`; `errors`
 *   (or the deprecated `error`) and a failing Observable end in the Error state with
 *   `toDataQueryError`; the request and time range ride along.
 */
import { defer, from, Observable, of } from 'rxjs';
import { catchError, map } from 'rxjs/operators';
import {
  CoreApp,
  DataFrame,
  DataQuery,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataTopic,
  LoadingState,
  PanelData,
} from '@grafana/data';

import { toDataQueryError } from '../queryRunner';

type QueryFn = (request: DataQueryRequest<DataQuery>) => Observable<DataQueryResponse> | Promise<DataQueryResponse>;
export type RunRequestDataSource = Pick<DataSourceApi<DataQuery, any>, 'query' | 'filterQuery' | 'getDefaultQuery'>;

const EMPTY_KEYS = new Set(['refId', 'hide', 'key', 'queryType', 'datasource']);

/** core/utils/query.ts queryIsEmpty: a target with nothing of its own. */
export function queryIsEmpty(q: unknown): boolean {
  return typeof q === 'object' && q !== null && Object.keys(q).every((k) => EMPTY_KEYS.has(k));
}

/** The targets as core sends them: defaults into empty ones, filterQuery unless a queryFunction runs. */
export function preparedTargets(ds: RunRequestDataSource, targets: DataQuery[], custom: boolean): DataQuery[] {
  const defaults = ds.getDefaultQuery?.(CoreApp.PanelEditor);
  const withDefaults = targets.map((t) => (defaults && queryIsEmpty(t) ? { ...defaults, ...t } : t));
  return custom ? withDefaults : withDefaults.filter((t) => ds.filterQuery?.(t) ?? true);
}

/** runRequest.ts processResponsePacket, reduced: series and annotations apart. */
export function toPanelData(res: DataQueryResponse, request: DataQueryRequest<DataQuery>): PanelData {
  const frames = (res.data ?? []) as DataFrame[];
  const isAnnotation = (f: DataFrame) => f.meta?.dataTopic === DataTopic.Annotations;
  const errors = res.errors ?? (res.error ? [res.error] : undefined);
  return {
    state: res.state === LoadingState.Streaming ? res.state : errors?.length ? LoadingState.Error : LoadingState.Done,
    series: frames.filter((f) => !isAnnotation(f)),
    annotations: frames.filter(isAnnotation),
    ...(errors?.length ? { errors, error: errors[0] } : {}),
    timeRange: request.range,
    request,
  };
}

export function sceneRunRequest(
  ds: RunRequestDataSource,
  request: DataQueryRequest<DataQuery>,
  queryFunction?: QueryFn
): Observable<PanelData> {
  const targets = preparedTargets(ds, request.targets, !!queryFunction);
  const req = { ...request, targets };
  if (targets.length === 0) {
    return of({ state: LoadingState.Done, series: [], annotations: [], timeRange: request.range, request: req });
  }
  const run = queryFunction ?? ((r: DataQueryRequest<DataQuery>) => ds.query(r));
  return defer(() => from(run(req))).pipe(
    map((res) => toPanelData(res, req)),
    catchError((e) => {
      const error = toDataQueryError(e);
      return of<PanelData>({
        state: LoadingState.Error,
        series: [],
        annotations: [],
        errors: [error],
        error,
        timeRange: request.range,
        request: req,
      });
    })
  );
}
