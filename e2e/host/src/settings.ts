/**
 * Data source settings as Grafana keeps them (pure): the DataSourceSettings the ConfigEditor edits,
 * what a save makes of them, and the DataSourceInstanceSettings handed to the plugin's DataSource.
 */
import type {
  DataQuery,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourcePluginMeta,
  DataSourceSettings,
} from '@grafana/data';
import type { DataSourceSrv } from '@grafana/runtime';

export type Settings = DataSourceSettings<any, any>;

export function defaultSettings(d: { url?: string; jsonData?: Record<string, unknown> } = {}): Settings {
  return {
    id: 1,
    uid: 'gnocchi-playground',
    orgId: 1,
    name: 'Gnocchi (playground)',
    type: 'gnocchixyz-gnocchi-datasource',
    typeName: 'Gnocchi',
    typeLogoUrl: '/dist/img/logo.svg',
    access: 'direct',
    url: d.url ?? 'http://127.0.0.1:5000',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: true,
    jsonData: { ...(d.jsonData ?? {}) },
    secureJsonFields: {},
    secureJsonData: {},
    readOnly: false,
    withCredentials: false,
    version: 1,
  } as Settings;
}

/** Settings given in the URL replace the playground defaults (url, jsonData), field by field. */
export function initialSettings(
  fromUrl: Partial<Settings> | undefined,
  defaults: { url?: string; jsonData?: Record<string, unknown> }
): Settings {
  const base = defaultSettings(fromUrl ? {} : defaults);
  return { ...base, ...fromUrl, jsonData: { ...base.jsonData, ...(fromUrl?.jsonData ?? {}) } } as Settings;
}

/** What a save makes of the settings: a new version, and each secret now only "configured". */
export function savedSettings(s: Settings): Settings {
  return {
    ...s,
    version: (s.version ?? 1) + 1,
    secureJsonFields: {
      ...s.secureJsonFields,
      ...Object.fromEntries(Object.keys(s.secureJsonData ?? {}).map((k) => [k, true])),
    },
  };
}

/** What Grafana hands the plugin: DataSourceInstanceSettings (never secureJsonData). */
export function toInstanceSettings(s: Settings, meta: DataSourcePluginMeta): DataSourceInstanceSettings<any> {
  const secure = (s.secureJsonData ?? {}) as Record<string, string>;
  const basicAuth =
    s.access === 'direct' && s.basicAuth
      ? 'Basic ' + btoa(`${s.basicAuthUser ?? ''}:${secure.basicAuthPassword ?? ''}`)
      : undefined;
  return {
    id: s.id,
    uid: s.uid,
    type: s.type,
    name: s.name,
    meta,
    url: s.access === 'proxy' ? `/api/datasources/proxy/uid/${s.uid}` : s.url,
    access: s.access as 'direct' | 'proxy',
    jsonData: s.jsonData,
    readOnly: s.readOnly,
    isDefault: s.isDefault,
    withCredentials: s.withCredentials,
    ...(basicAuth ? { basicAuth } : {}),
  } as DataSourceInstanceSettings<any>;
}

/** The plugin's meta as Grafana builds it: its plugin.json, plus where its module was loaded from. */
export function pluginMeta(pluginJson: object, modulePath: string): DataSourcePluginMeta {
  return {
    ...pluginJson,
    module: modulePath,
    baseUrl: modulePath.replace(/\/module\.js$/, ''),
  } as DataSourcePluginMeta;
}

export const pluginJsonPath = (modulePath: string) => modulePath.replace(/module\.js$/, 'plugin.json');

/** A DataSourceSrv that knows the one data source of the page. */
export function dataSourceSrvFor(
  ds: DataSourceApi<DataQuery, any>,
  instanceSettings: DataSourceInstanceSettings<any>
): DataSourceSrv {
  return {
    get: async () => ds,
    getList: () => [instanceSettings],
    getInstanceSettings: () => instanceSettings,
    reload: () => {},
    registerRuntimeDataSource: () => {},
  } as unknown as DataSourceSrv;
}
