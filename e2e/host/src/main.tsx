/**
 * The playground / e2e host: loads the BUILT plugin (dist/module.js) the way Grafana does
 * (loader.ts), installs Grafana-like runtime services (services.ts), and renders the page (App.tsx):
 * the plugin's ConfigEditor with Save & test, its QueryEditor, variables, a time range and a real
 * @grafana/ui time-series panel with legend.
 *
 * URL parameters preload the state (urlState.ts): ds, query, vars, from, to, module, autotest,
 * skipSourceCheck. Stable hooks for tests: data-testid attributes and `window.__host` /
 * `window.__panel` / `window.__hostServices` / `window.__backendSrvCalls` (hostState.ts).
 */
import React, { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { FatalError, Shell } from './failures';
import { publish } from './hostState';
import { loadDataSourcePlugin, PluginLoadError } from './loader';
import { setMonacoEnv } from './monacoEnv';
import { AnyPlugin, installDataSource, installServices } from './services';
import { pluginJsonPath, pluginMeta } from './settings';
import { initialState, modulePathOf, PlaygroundDefaults, readHostParams, UrlParamError } from './urlState';

// e2e/browser/helpers.ts reads the panel's series type from here
export type { PanelSeries } from './panel/series';

/** The JSON of `url`, or `{}` when it is missing (the host works without defaults or plugin.json). */
async function fetchJson(url: string, init?: RequestInit): Promise<object> {
  return fetch(url, init)
    .then((r) => (r.ok ? r.json() : {}))
    .catch(() => ({}));
}

function failureKind(e: unknown): string {
  if (e instanceof PluginLoadError) {
    return e.kind;
  }
  return e instanceof UrlParamError ? 'url' : 'load';
}

async function main() {
  const root = createRoot(document.getElementById('root')!);
  const search = window.location.search;
  const modulePath = modulePathOf(search);
  publish({ status: 'loading', module: modulePath });
  const services = installServices();
  setMonacoEnv();

  // the first failure wins: it is shown above whatever rendered
  let fatal: FatalError | undefined;
  let app: ReactNode = null;
  const onFatal = (kind: string, message: string) => {
    if (fatal) {
      return;
    }
    fatal = { kind, message };
    publish({ status: 'error', kind, message, module: modulePath });
    root.render(<Shell fatal={fatal}>{app}</Shell>);
  };

  try {
    const params = readHostParams(search);
    const defaults = (await fetchJson('/playground-defaults.json', { cache: 'no-store' })) as PlaygroundDefaults;
    const plugin = (await loadDataSourcePlugin(modulePath, { sourceCheck: !params.skipSourceCheck })) as AnyPlugin;
    const meta = pluginMeta(await fetchJson(pluginJsonPath(modulePath)), modulePath);
    plugin.meta = meta;
    const initial = initialState(params, defaults);
    services.templateSrv.setVariables(initial.vars);
    if (initial.sceneDashboard) {
      // before the data source is built: it keeps the TemplateSrv it finds
      const { installSceneRuntime } = await import('./scenes/runtime');
      installSceneRuntime();
    }
    const initialDs = installDataSource(plugin, meta, initial.settings);
    const onReady = () => {
      if (!fatal) {
        publish({ status: 'ready', module: modulePath, pluginId: meta.id });
      }
    };
    app = (
      <App
        plugin={plugin}
        meta={meta}
        modulePath={modulePath}
        initial={initial}
        initialDs={initialDs}
        templateSrv={services.templateSrv}
        onFatal={onFatal}
        onReady={onReady}
      />
    );
    root.render(<Shell>{app}</Shell>);
  } catch (e) {
    onFatal(failureKind(e), (e as Error)?.message ?? String(e));
  }
}

main();
