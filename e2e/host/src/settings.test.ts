import type { DataSourcePluginMeta } from '@grafana/data';

import {
  dataSourceSrvFor,
  defaultSettings,
  initialSettings,
  pluginJsonPath,
  pluginMeta,
  savedSettings,
  toInstanceSettings,
} from './settings';

const meta = { id: 'gnocchixyz-gnocchi-datasource' } as DataSourcePluginMeta;

describe('initialSettings', () => {
  it('merges the URL settings on the bare defaults, jsonData key by key', () => {
    const s = initialSettings(
      { access: 'proxy', jsonData: { mode: 'noauth' } },
      { url: 'http://d', jsonData: { a: 1 } }
    );
    expect(s).toMatchObject({ uid: 'gnocchi-playground', access: 'proxy', url: 'http://127.0.0.1:5000', version: 1 });
    expect(s.jsonData).toEqual({ mode: 'noauth' });
  });

  it('uses the playground defaults when the URL has no settings, without sharing their objects', () => {
    const defaults = { url: 'http://d', jsonData: { a: 1 } };
    const s = initialSettings(undefined, defaults);
    expect(s).toMatchObject({ url: 'http://d', jsonData: { a: 1 }, secureJsonData: {}, secureJsonFields: {} });
    expect(s.jsonData).not.toBe(defaults.jsonData);
    expect(defaultSettings().url).toBe('http://127.0.0.1:5000');
  });
});

describe('savedSettings', () => {
  it('bumps the version and marks each secret as configured, without mutating', () => {
    const s = { ...defaultSettings(), secureJsonFields: { old: true }, secureJsonData: { password: 'p' } };
    const copy = JSON.parse(JSON.stringify(s));
    const saved = savedSettings(s);
    expect(saved.version).toBe(2);
    expect(saved.secureJsonFields).toEqual({ old: true, password: true });
    expect(s).toEqual(copy);
  });
});

describe('toInstanceSettings', () => {
  it('never carries secureJsonData; basicAuth header only in direct access', () => {
    const s = {
      ...defaultSettings({ url: 'http://k', jsonData: { mode: 'basic' } }),
      basicAuth: true,
      basicAuthUser: 'u',
      secureJsonData: { basicAuthPassword: 'pw' },
    };
    const direct = toInstanceSettings(s, meta);
    expect(direct).toMatchObject({ url: 'http://k', access: 'direct', basicAuth: `Basic ${btoa('u:pw')}`, meta });
    expect(direct).not.toHaveProperty('secureJsonData');
    expect(direct.jsonData).toEqual({ mode: 'basic' });

    const proxy = toInstanceSettings({ ...s, access: 'proxy' }, meta);
    expect(proxy.url).toBe('/api/datasources/proxy/uid/gnocchi-playground');
    expect(proxy).not.toHaveProperty('basicAuth');
  });
});

describe('plugin meta', () => {
  it('adds module and baseUrl to plugin.json', () => {
    expect(pluginMeta({ id: 'x', name: 'X' }, '/dist/module.js')).toEqual({
      id: 'x',
      name: 'X',
      module: '/dist/module.js',
      baseUrl: '/dist',
    });
    expect(pluginJsonPath('/fixtures/a/module.js')).toBe('/fixtures/a/plugin.json');
  });
});

describe('dataSourceSrvFor', () => {
  it('knows the one data source', async () => {
    const ds = { name: 'ds' } as any;
    const instance = toInstanceSettings(defaultSettings(), meta);
    const srv = dataSourceSrvFor(ds, instance);
    await expect(srv.get()).resolves.toBe(ds);
    expect(srv.getList()).toEqual([instance]);
    expect(srv.getInstanceSettings('anything')).toBe(instance);
  });
});
