/**
 * Loads a plugin's module.js the way Grafana does (public/app/features/plugins/loader/*):
 * SystemJS 6 with the AMD extra, and every shared dependency registered as a `package:<name>`
 * module plus an import map entry `<name> → package:<name>` (`buildImportMap`), so that the
 * plugin's `define([...])` dependencies resolve to the host's single instances.
 */
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';

import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import * as grafanaI18n from '@grafana/i18n';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import * as i18next from 'i18next';
import * as lodash from 'lodash';
import * as react from 'react';
import * as reactDom from 'react-dom';
import * as reactDomClient from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';

/** What Grafana 13.2 shares with plugins that this host has (sharedDependencies.ts). */
export const SHARED: Record<string, unknown> = {
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  '@grafana/data': grafanaData,
  '@grafana/i18n': grafanaI18n,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/ui': grafanaUi,
  i18next,
  lodash,
  react,
  'react-dom': reactDom,
  'react-dom/client': reactDomClient,
  'react/jsx-runtime': jsxRuntime,
  'react/jsx-dev-runtime': jsxRuntime,
  rxjs,
  'rxjs/operators': rxjsOperators,
};

interface SystemJSLike {
  set(id: string, module: unknown): void;
  import(id: string): Promise<Record<string, unknown>>;
  addImportMap(map: { imports: Record<string, string> }): void;
}

function system(): SystemJSLike {
  return (window as unknown as { System: SystemJSLike }).System;
}

let initialised = false;

export function initSystemJS(): void {
  if (initialised) {
    return;
  }
  const System = system();
  const imports: Record<string, string> = {};
  for (const [name, mod] of Object.entries(SHARED)) {
    // Grafana: SystemJS.set(`package:${name}`, module) and the import map entry (buildImportMap)
    System.set(`package:${name}`, mod);
    imports[name] = `package:${name}`;
  }
  System.addImportMap({ imports });
  initialised = true;
}

export class PluginLoadError extends Error {
  constructor(
    message: string,
    readonly kind: 'load' | 'not-plugin' | 'own-react'
  ) {
    super(message);
  }
}

/**
 * Code that only React's own source contains: a module that has it bundles a React copy. React 19
 * hooks read the dispatcher as `ReactSharedInternals.H.useState(...)` (property names survive
 * minification; the internals export itself may be tree-shaken), React 18 as
 * `ReactCurrentDispatcher.current.useState(...)`.
 */
const BUNDLED_REACT = [
  /__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE/,
  /__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED/,
  /\.H\.use(State|Reducer|Effect|Ref|Context)\(/,
];

export async function loadDataSourcePlugin(
  path: string,
  { sourceCheck = true }: { sourceCheck?: boolean } = {}
): Promise<grafanaData.DataSourcePlugin<any, any, any>> {
  initSystemJS();
  // Grafana imports the module and uses whatever it exports; the host is stricter, so that a broken
  // build cannot pass: it also checks the source for a bundled React.
  let source: string;
  try {
    const res = await fetch(path, { cache: 'no-store' });
    if (!res.ok) {
      throw new Error(`HTTP ${res.status} ${res.statusText}`);
    }
    source = await res.text();
  } catch (e) {
    throw new PluginLoadError(`Cannot fetch plugin module ${path}: ${(e as Error).message}`, 'load');
  }
  if (sourceCheck && BUNDLED_REACT.some((re) => re.test(source))) {
    throw new PluginLoadError(
      `Plugin module ${path} bundles its own copy of React. Grafana shares one React with plugins; ` +
        'the plugin must declare react, react-dom and react/jsx-runtime as webpack externals.',
      'own-react'
    );
  }
  let exports: Record<string, unknown>;
  try {
    exports = await system().import(path);
  } catch (e) {
    throw new PluginLoadError(`SystemJS could not load ${path}: ${(e as Error)?.message ?? e}`, 'load');
  }
  // AMD modules come back wrapped (`__useDefault`), as in Grafana's plugin_loader
  const mod = (exports.__useDefault ? exports.default : exports) as Record<string, unknown>;
  const plugin = mod?.plugin ?? (exports as Record<string, unknown>).plugin;
  if (!(plugin instanceof grafanaData.DataSourcePlugin)) {
    throw new PluginLoadError(
      `Plugin module ${path} does not export a DataSourcePlugin as \`plugin\` (exports: ${Object.keys(mod ?? {}).join(', ') || 'none'}). ` +
        'It may bundle its own @grafana/data, or not be a data source plugin.',
      'not-plugin'
    );
  }
  if (typeof plugin.DataSourceClass !== 'function') {
    throw new PluginLoadError(`The DataSourcePlugin of ${path} has no DataSourceClass`, 'not-plugin');
  }
  return plugin;
}
