/**
 * The Grafana runtime services the host installs (setTemplateSrv, setBackendSrv, setDataSourceSrv),
 * and the data source instance built from saved settings, as Grafana builds it.
 */
import type { DataQuery, DataSourceApi, DataSourcePlugin, DataSourcePluginMeta } from '@grafana/data';
import { setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';

import { asBackendSrv, HostBackendSrv } from './backendSrv';
import { dataSourceSrvFor, Settings, toInstanceSettings } from './settings';
import { HostTemplateSrv } from '../../../src/testing/grafanaTemplateSrv';

export type AnyDataSource = DataSourceApi<DataQuery, any>;
export type AnyPlugin = DataSourcePlugin<AnyDataSource, DataQuery, any>;

export interface HostServices {
  templateSrv: HostTemplateSrv;
  backendSrv: HostBackendSrv;
}

/** Installs a TemplateSrv and a BackendSrv (before any plugin code runs) and exposes them to tests. */
export function installServices(): HostServices {
  const services = { templateSrv: new HostTemplateSrv(), backendSrv: new HostBackendSrv() };
  setTemplateSrv(services.templateSrv);
  setBackendSrv(asBackendSrv(services.backendSrv));
  window.__hostServices = services;
  return services;
}

/** `new plugin.DataSourceClass(instanceSettings)`, registered as the page's only data source. */
export function installDataSource(plugin: AnyPlugin, meta: DataSourcePluginMeta, settings: Settings): AnyDataSource {
  const instanceSettings = toInstanceSettings(settings, meta);
  const ds = new plugin.DataSourceClass(instanceSettings);
  setDataSourceSrv(dataSourceSrvFor(ds, instanceSettings));
  return ds;
}
