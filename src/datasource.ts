/**
 * The data source: wiring only. Queries go through `prepareQuery` (migrate → interpolate) and the
 * runner of their mode; variables, look-ups and Save & test live in their own modules.
 */
import {
  AdHocVariableFilter,
  CoreApp,
  DataFrame,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceGetTagKeysOptions,
  DataSourceGetTagValuesOptions,
  DataSourceInstanceSettings,
  LoadingState,
  MetricFindValue,
  QueryFixAction,
  ScopedVars,
  TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv, toDataQueryError } from '@grafana/runtime';
import { catchError, forkJoin, map, Observable, of } from 'rxjs';

import { isLifecycleQuery, annotationSupport } from './annotations/support';
import { runLifecycle } from './annotations/run';
import { LookupApi } from './api/resources';
import { GnocchiClient } from './client';
import { testConnection } from './connection/testConnection';
import { fetchTransport, proxyTransport, Transport } from './http/transport';
import { migrateQuery } from './migrations/query';
import { DEFAULT_QUERY } from './query/defaults';
import { queryDisplayText } from './query/displayText';
import { addFilter } from './query/adhoc';
import { searchAttributeValues, tagKeys, tagValues } from './query/adhocTags';
import { interpolateSingle, TemplateSrvLike } from './query/interpolate';
import { prepareQuery } from './query/prepare';
import { runQuery } from './query/run';
import { runnerOf } from './query/runners';
import type { GnocchiAnnotationQuery, GnocchiOptions, GnocchiQuery, GnocchiVariableQuery } from './types';
import { findVariableValues, GnocchiVariableSupport } from './variables/support';

export interface DataSourceDeps {
  transport?: Transport;
  templateSrv?: TemplateSrvLike;
  now?: () => number;
}

/** A promise-returning job as an Observable whose unsubscription aborts it. */
function abortable<T>(job: (signal: AbortSignal) => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const abort = new AbortController();
    job(abort.signal).then(
      (value) => {
        subscriber.next(value);
        subscriber.complete();
      },
      (e) => subscriber.error(e)
    );
    return () => abort.abort();
  });
}

export class DataSource extends DataSourceApi<GnocchiQuery, GnocchiOptions> {
  readonly client: GnocchiClient;
  readonly lookups: LookupApi;
  private readonly templateSrv: TemplateSrvLike;

  get variableTemplateSrv(): TemplateSrvLike {
    return this.templateSrv;
  }

  constructor(instanceSettings: DataSourceInstanceSettings<GnocchiOptions>, deps: DataSourceDeps = {}) {
    super(instanceSettings);
    const access = instanceSettings.access === 'proxy' ? 'proxy' : 'direct';
    const transport = deps.transport ?? (access === 'proxy' ? proxyTransport(getBackendSrv()) : fetchTransport);
    const basicAuth = (instanceSettings as { basicAuth?: string }).basicAuth;
    this.client = new GnocchiClient(
      { url: instanceSettings.url ?? '', jsonData: instanceSettings.jsonData ?? {}, access, basicAuth },
      transport,
      deps.now
    );
    this.lookups = new LookupApi(this.client);
    this.templateSrv = deps.templateSrv ?? getTemplateSrv();
    this.annotations = annotationSupport;
    this.variables = new GnocchiVariableSupport(this);
  }

  /** Explore's collapsed rows and query history: one readable line (src/query/displayText.ts). */
  getQueryDisplayText(query: GnocchiQuery): string {
    return queryDisplayText(query);
  }

  getDefaultQuery(_: CoreApp): Partial<GnocchiQuery> {
    return DEFAULT_QUERY;
  }

  /** Not hidden, and has what its mode needs: an incomplete query sends nothing and shows no error. */
  filterQuery(query: GnocchiQuery): boolean {
    if (query.hide) {
      return false;
    }
    if (isLifecycleQuery(query)) {
      return true;
    }
    const q = migrateQuery(query);
    try {
      return runnerOf(q).ready(q);
    } catch {
      return false;
    }
  }

  /** Migrated, interpolated and narrowed by the active ad hoc filters (annotation queries: as they are). */
  applyTemplateVariables(query: GnocchiQuery, scopedVars: ScopedVars, filters?: AdHocVariableFilter[]): GnocchiQuery {
    return isLifecycleQuery(query) ? query : prepareQuery(query, this.templateSrv, scopedVars, filters);
  }

  interpolateVariablesInQueries(
    queries: GnocchiQuery[],
    scopedVars: ScopedVars,
    filters?: AdHocVariableFilter[]
  ): GnocchiQuery[] {
    return queries.map((q) => this.applyTemplateVariables(q, scopedVars, filters));
  }

  private runTarget(target: GnocchiQuery, request: DataQueryRequest<GnocchiQuery>, signal: AbortSignal) {
    const window = { fromMs: request.range.from.valueOf(), toMs: request.range.to.valueOf() };
    if (isLifecycleQuery(target)) {
      const ctx = { client: this.client, templateSrv: this.templateSrv, scopedVars: request.scopedVars, signal };
      return runLifecycle(target as GnocchiAnnotationQuery, { ...ctx, filters: request.filters }, window).then((f) => [
        f,
      ]);
    }
    const opts = { intervalMs: request.intervalMs, maxDataPoints: request.maxDataPoints, lookups: this.lookups };
    const q = this.applyTemplateVariables(target, request.scopedVars, request.filters);
    return runQuery(q, { client: this.client, window, signal }, opts);
  }

  query(request: DataQueryRequest<GnocchiQuery>): Observable<DataQueryResponse> {
    const targets = request.targets.filter((t) => this.filterQuery(t));
    if (!targets.length) {
      return of({ data: [], key: request.requestId, state: LoadingState.Done });
    }
    const perTarget = targets.map((target) =>
      abortable((signal) => this.runTarget(target, request, signal)).pipe(
        map((data): { data: DataFrame[]; error?: DataQueryError } => ({ data })),
        catchError((e) => {
          const err = toDataQueryError(e);
          return of({ data: [], error: { message: err.message, status: err.status, refId: target.refId } });
        })
      )
    );
    return forkJoin(perTarget).pipe(
      map((results) => {
        const errors = results.flatMap((r) => (r.error ? [r.error] : []));
        return {
          data: results.flatMap((r) => r.data),
          key: request.requestId,
          state: errors.length ? LoadingState.Error : LoadingState.Done,
          errors: errors.length ? errors : undefined,
        };
      })
    );
  }

  /** Ad hoc filter keys: attributes of the resource types the queries use. */
  getTagKeys(options?: DataSourceGetTagKeysOptions<GnocchiQuery>): Promise<MetricFindValue[]> {
    return tagKeys(this.lookups, options?.queries, this.resolveType);
  }

  /** Ad hoc filter values: of one attribute, read from Gnocchi (narrowed by the other filters). */
  getTagValues(options: DataSourceGetTagValuesOptions<GnocchiQuery>): Promise<MetricFindValue[]> {
    const search = (type: string, key: string, s: string) => searchAttributeValues(this.client, type, key, s);
    return tagValues(this.lookups, options.key, options.queries, this.resolveType, options.filters, search);
  }

  private readonly resolveType = (type: string) => interpolateSingle(type, 'resource type', this.templateSrv);

  /** Explore: filter for / filter out a value of a table cell. */
  modifyQuery(query: GnocchiQuery, action: QueryFixAction): GnocchiQuery {
    const { key, value } = action.options ?? {};
    if ((action.type !== 'ADD_FILTER' && action.type !== 'ADD_FILTER_OUT') || !key || value === undefined) {
      return query;
    }
    return addFilter(migrateQuery(query), key, value, action.type === 'ADD_FILTER_OUT');
  }

  getSupportedQueryModifications(): string[] {
    return ['ADD_FILTER', 'ADD_FILTER_OUT'];
  }

  /** Variable values of a saved variable query (1.x string or model); Grafana calls `variables` instead. */
  metricFindQuery(
    query: string | GnocchiVariableQuery,
    options?: { scopedVars?: ScopedVars }
  ): Promise<MetricFindValue[]> {
    return findVariableValues(this, query, options?.scopedVars ?? {});
  }

  /** Save & test: authenticate, find Gnocchi, read its version and one authenticated listing. */
  testDatasource(): Promise<TestDataSourceResponse> {
    return testConnection(this.client);
  }
}
