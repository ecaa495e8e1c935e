/**
 * A panel's queries as Grafana runs them (pure; `public/app/features/query/state/runRequest.ts`):
 * the DataQueryRequest of a dashboard panel, targets through `filterQuery` first, the response or
 * the failure of `query()` as PanelData.
 */
import { defer, from, Observable, of } from 'rxjs';
import { catchError, map } from 'rxjs/operators';
import {
  CoreApp,
  DataFrame,
  DataQuery,
  DataQueryError,
  DataQueryRequest,
  DataSourceApi,
  LoadingState,
  PanelData,
  rangeUtil,
  TimeRange,
} from '@grafana/data';

export const MAX_DATA_POINTS = 1000;

type QueryDataSource = Pick<DataSourceApi<DataQuery, any>, 'query' | 'filterQuery'>;

/** The request a dashboard panel sends: interval for MAX_DATA_POINTS, `__interval*` scoped vars. */
export function buildRequest(
  ds: QueryDataSource,
  queries: DataQuery[],
  range: TimeRange,
  now = Date.now()
): DataQueryRequest<DataQuery> {
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, MAX_DATA_POINTS);
  return {
    requestId: `Q${now}`,
    interval,
    intervalMs,
    maxDataPoints: MAX_DATA_POINTS,
    range,
    rangeRaw: range.raw,
    scopedVars: {
      __interval: { text: interval, value: interval },
      __interval_ms: { text: String(intervalMs), value: intervalMs },
    },
    // core applies filterQuery before query() (runRequest.ts callQueryMethod)
    targets: queries.filter((q) => ds.filterQuery?.(q) ?? true),
    timezone: 'utc',
    app: CoreApp.Dashboard,
    startTime: now,
  };
}

/** runRequest.ts toDataQueryError: the server's message first, the HTTP status kept. */
export function toDataQueryError(e: unknown): DataQueryError {
  if (typeof e === 'string') {
    return { message: e };
  }
  const err = e as { data?: { message?: string }; message?: string; status?: number } | null | undefined;
  const error: DataQueryError = { message: err?.data?.message ?? err?.message ?? String(e) };
  if (typeof err?.status === 'number') {
    error.status = err.status;
  }
  return error;
}

/**
 * The PanelData of a request: nothing is sent when no target is left (Done, no series); errors of
 * the response (`errors`/`error`) or of the Observable (also a synchronous throw of query()) end
 * in the Error state.
 */
export function runRequest(ds: QueryDataSource, request: DataQueryRequest<DataQuery>): Observable<PanelData> {
  const timeRange = request.range;
  if (request.targets.length === 0) {
    return of({ state: LoadingState.Done, series: [], timeRange });
  }
  return defer(() => from(ds.query(request))).pipe(
    map((res): PanelData => {
      const errors = res.errors ?? (res.error ? [res.error] : undefined);
      return {
        state: res.state ?? (errors?.length ? LoadingState.Error : LoadingState.Done),
        series: res.data as DataFrame[],
        errors,
        timeRange,
      };
    }),
    catchError((e) =>
      of<PanelData>({ state: LoadingState.Error, series: [], errors: [toDataQueryError(e)], timeRange })
    )
  );
}
