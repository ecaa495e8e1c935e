import {
  CoreApp,
  DataFrame,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  LoadingState,
  MetricFindValue,
  ScopedVars,
  TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv } from '@grafana/runtime';
import { Observable } from 'rxjs';

import { GnocchiClient } from './client';
import { messageOf } from './http/errors';
import { fetchTransport, proxyTransport, Transport } from './http/transport';
import { interpolateQuery, interpolateSearch, interpolateSingle, TemplateSrvLike } from './query/interpolate';
import { parseVariableQuery, runVariableQuery } from './variables';
import { withDefaults } from './query/requests';
import { runQuery } from './query/run';
import { DEFAULT_QUERY, GnocchiOptions, GnocchiQuery, GnocchiVariableQuery } from './types';

export interface DataSourceDeps {
  transport?: Transport;
  templateSrv?: TemplateSrvLike;
  now?: () => number;
}

export class DataSource extends DataSourceApi<GnocchiQuery, GnocchiOptions> {
  readonly client: GnocchiClient;
  private readonly templateSrv: TemplateSrvLike;

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
    this.templateSrv = deps.templateSrv ?? getTemplateSrv();
    this.annotations = {};
  }

  getDefaultQuery(_: CoreApp): Partial<GnocchiQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: GnocchiQuery): boolean {
    return !query.hide;
  }

  applyTemplateVariables(query: GnocchiQuery, scopedVars: ScopedVars): GnocchiQuery {
    return interpolateQuery(withDefaults(query), this.templateSrv, scopedVars);
  }

  query(request: DataQueryRequest<GnocchiQuery>): Observable<DataQueryResponse> {
    return new Observable<DataQueryResponse>((subscriber) => {
      const abort = new AbortController();
      const window = { fromMs: request.range.from.valueOf(), toMs: request.range.to.valueOf() };
      const targets = request.targets.filter((t) => this.filterQuery(t));
      const errors: DataQueryError[] = [];
      Promise.all(
        targets.map(async (target): Promise<DataFrame[]> => {
          try {
            const q = this.applyTemplateVariables(target, request.scopedVars);
            return await runQuery(this.client, q, window, { intervalMs: request.intervalMs, signal: abort.signal });
          } catch (e) {
            errors.push({ refId: target.refId, message: messageOf(e) });
            return [];
          }
        })
      ).then((perTarget) => {
        if (abort.signal.aborted) {
          return;
        }
        const data = perTarget.flat();
        subscriber.next({
          data,
          key: request.requestId,
          state: errors.length ? LoadingState.Error : LoadingState.Done,
          errors: errors.length ? errors : undefined,
        });
        subscriber.complete();
      });
      return () => abort.abort();
    });
  }

  /** Template variables: `resources(type, display, value attribute, search)`, `metrics(resource id)`. */
  async metricFindQuery(
    query: string | GnocchiVariableQuery,
    options?: { scopedVars?: ScopedVars }
  ): Promise<MetricFindValue[]> {
    const text = typeof query === 'string' ? query : query.query;
    const scoped = options?.scopedVars ?? {};
    const q = parseVariableQuery(text);
    if (q.kind === 'metrics') {
      return runVariableQuery(this.client, {
        ...q,
        resourceId: interpolateSingle(q.resourceId, 'resource id', this.templateSrv, scoped),
      });
    }
    return runVariableQuery(this.client, {
      ...q,
      resourceType: interpolateSingle(q.resourceType, 'resource type', this.templateSrv, scoped),
      search: interpolateSearch(q.search, this.templateSrv, scoped),
    });
  }

  /** Save & test: authenticate, find Gnocchi, read its version and one authenticated listing. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    try {
      const gnocchiUrl = await this.client.gnocchiUrl();
      let version = '';
      try {
        const root = await this.client.request<{ build?: string }>('GET', '/');
        version = root?.build ? ` ${root.build}` : '';
      } catch {
        // the version document is optional (a path prefix may hide it)
      }
      const types = await this.client.request<Array<{ name: string }>>('GET', '/v1/resource_type');
      const auth =
        this.client.mode === 'keystone' || this.client.mode === 'application_credential'
          ? 'Keystone authentication OK. '
          : '';
      return {
        status: 'success',
        message: `${auth}Gnocchi${version} at ${gnocchiUrl}: ${types.length} resource types.`,
      };
    } catch (e) {
      return { status: 'error', message: messageOf(e) };
    }
  }
}
