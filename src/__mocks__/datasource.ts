/**
 * A DataSource for tests, with its collaborators injected: settings (Keystone password mode by
 * default), a transport (see `recorder`) and dashboard variables.
 */
import { DataQueryRequest, DataQueryResponse, dateTime, DataSourceInstanceSettings } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { DataSource } from '../datasource';
import type { Transport } from '../http/transport';
import type { TemplateSrvLike } from '../query/interpolate';
import type { GnocchiOptions, GnocchiQuery } from '../types';
import { fakeTemplateSrv } from './templateSrv';

export interface DatasourceOptions {
  url?: string;
  access?: 'direct' | 'proxy';
  jsonData?: GnocchiOptions;
  transport: Transport;
  templateSrv?: TemplateSrvLike;
  vars?: Record<string, string | string[]>;
  now?: () => number;
}

export function instanceSettings(o: Partial<DatasourceOptions> = {}): DataSourceInstanceSettings<GnocchiOptions> {
  return {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- still required by the type
    id: 1,
    uid: 'gnocchi',
    type: 'gnocchixyz-gnocchi-datasource',
    name: 'Gnocchi',
    access: o.access ?? 'direct',
    url: o.url ?? 'http://keystone:5000/v3',
    jsonData: o.jsonData ?? { mode: 'keystone', username: 'grafana', password: 'pw', project: 'demo' },
    meta: {} as DataSourceInstanceSettings['meta'],
    readOnly: false,
  };
}

export function createDatasource(o: DatasourceOptions): DataSource {
  return new DataSource(instanceSettings(o), {
    transport: o.transport,
    templateSrv: o.templateSrv ?? fakeTemplateSrv(o.vars ?? {}),
    now: o.now,
  });
}

/** A panel's request over [from, to] (default: 2024-01-01 00:00–06:00 UTC). */
export function dataQueryRequest(
  targets: GnocchiQuery[],
  o: { from?: number; to?: number; intervalMs?: number; maxDataPoints?: number } = {}
): DataQueryRequest<GnocchiQuery> {
  const from = dateTime(o.from ?? Date.UTC(2024, 0, 1, 0, 0));
  const to = dateTime(o.to ?? Date.UTC(2024, 0, 1, 6, 0));
  return {
    requestId: 'Q1',
    interval: '1m',
    intervalMs: o.intervalMs ?? 60_000,
    maxDataPoints: o.maxDataPoints,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets,
    timezone: 'UTC',
    app: 'dashboard',
    startTime: 0,
  };
}

export function runRequest(ds: DataSource, request: DataQueryRequest<GnocchiQuery>): Promise<DataQueryResponse> {
  return lastValueFrom(ds.query(request));
}
