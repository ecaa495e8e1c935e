/**
 * The page: the plugin's ConfigEditor with Save & test, the variables and time range, its
 * QueryEditor, and the panel. The query runs on load, on Run query / the editor's onRunQuery, and
 * whenever the data source instance, the variables or the time range change. With a dashboard
 * (dashboard mode) it comes first as a @grafana/scenes scene (scenes/SceneDashboard.tsx) and takes
 * the place of the QueryEditor and the panel.
 */
import React, { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CoreApp, DataQuery, DataSourcePluginMeta } from '@grafana/data';
import { config } from '@grafana/runtime';
import { Button } from '@grafana/ui';

import { HostErrorBoundary, OnFatal } from './failures';
import { Panel } from './panel/Panel';
import { ConfigSection, useSaveAndTest } from './saveAndTest';
import { sceneRange as toSceneRange } from './scenes/sceneModel';
import type { AnyDataSource, AnyPlugin } from './services';
import { resolveRange } from './timeRange';
import type { InitialState } from './urlState';
import { usePanelData } from './usePanelData';
import { VariablesBar } from './variables';
import type { HostTemplateSrv, HostVariable } from '../../../src/testing/grafanaTemplateSrv';

// @grafana/scenes is loaded in dashboard mode only (its own chunk)
const SceneDashboard = React.lazy(() => import('./scenes/SceneDashboard').then((m) => ({ default: m.SceneDashboard })));

export interface AppProps {
  plugin: AnyPlugin;
  meta: DataSourcePluginMeta;
  modulePath: string;
  initial: InitialState;
  /** the instance built from `initial.settings` (installed by the bootstrap) */
  initialDs: AnyDataSource;
  /** already holds `initial.vars` */
  templateSrv: HostTemplateSrv;
  onFatal: OnFatal;
  onReady: () => void;
}

export function App({ plugin, meta, modulePath, initial, initialDs, templateSrv, onFatal, onReady }: AppProps) {
  // after the first commit: the error boundaries have reported any crash by then
  useEffect(() => onReady(), [onReady]);

  const { settings, setSettings, ds, result, saveAndTest } = useSaveAndTest(plugin, meta, initial.settings, initialDs);

  useEffect(() => {
    if (initial.autotest) {
      saveAndTest();
    }
    // once, with the initial settings
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { ConfigEditor } = plugin.components;
  // the scene's time range: the URL's or the dashboard's (epoch ms as ISO); one object per page
  const sceneRange = useMemo(() => toSceneRange(initial.range), [initial.range]);

  return (
    <div className="host">
      <header>
        <h1>Gnocchi data source — playground</h1>
        <span data-testid="host-status" className="ok">
          {meta.name} {meta.info?.version} loaded from {modulePath} through SystemJS (Grafana {config.buildInfo.version}{' '}
          shared modules)
        </span>
      </header>

      {initial.sceneDashboard && (
        <HostErrorBoundary area="dashboard" onError={onFatal}>
          <Suspense fallback={<em data-testid="dashboard-loading">Loading the dashboard…</em>}>
            <SceneDashboard
              model={initial.sceneDashboard}
              plugin={plugin}
              meta={meta}
              ds={ds}
              range={sceneRange}
              onFatal={onFatal}
            />
          </Suspense>
        </HostErrorBoundary>
      )}

      <ConfigSection
        ConfigEditor={ConfigEditor}
        settings={settings}
        onSettingsChange={setSettings}
        onSaveAndTest={saveAndTest}
        result={result}
        onFatal={onFatal}
      />

      {!initial.dashboard && (
        <QueryView plugin={plugin} initial={initial} ds={ds} templateSrv={templateSrv} onFatal={onFatal} />
      )}
    </div>
  );
}

interface QueryViewProps {
  plugin: AnyPlugin;
  initial: InitialState;
  ds: AnyDataSource;
  templateSrv: HostTemplateSrv;
  onFatal: OnFatal;
}

/** The variables and time range, the plugin's QueryEditor and the panel. */
function QueryView({ plugin, initial, ds, templateSrv, onFatal }: QueryViewProps) {
  const [query, setQuery] = useState<DataQuery>(initial.query);
  // the editor may call onChange then onRunQuery before the next render: runs read the latest query here
  const latestQuery = useRef(initial.query);
  const onQueryChange = useCallback((q: DataQuery) => {
    latestQuery.current = q;
    setQuery(q);
  }, []);

  const [vars, setVars] = useState<HostVariable[]>(initial.vars);
  const onVarsChange = useCallback(
    (next: HostVariable[]) => {
      // the plugin reads variables through getTemplateSrv(): it must see them before it re-renders
      templateSrv.setVariables(next);
      setVars(next);
    },
    [templateSrv]
  );

  const [rawRange, setRawRange] = useState(initial.range);
  const { range, error: rangeError } = useMemo(() => resolveRange(rawRange), [rawRange]);

  const { data, run, runQueries } = usePanelData(ds, range, templateSrv);
  const runQuery = useCallback(() => runQueries([latestQuery.current]), [runQueries]);

  // on load and whenever the data source instance, the variables or the time range change
  useEffect(() => {
    runQuery();
  }, [runQuery, vars]);

  const { QueryEditor } = plugin.components;

  return (
    <>
      <section data-testid="query-section">
        <h2>Query</h2>
        <VariablesBar
          vars={vars}
          onVarsChange={onVarsChange}
          range={rawRange}
          rangeError={rangeError}
          onRangeApply={setRawRange}
        />
        <div data-testid="query-editor">
          <HostErrorBoundary area="QueryEditor" onError={onFatal}>
            {QueryEditor ? (
              <QueryEditor
                datasource={ds}
                query={query}
                queries={[query]}
                app={CoreApp.PanelEditor}
                range={range}
                data={data}
                onChange={onQueryChange}
                onRunQuery={runQuery}
              />
            ) : (
              <em>No QueryEditor</em>
            )}
          </HostErrorBoundary>
        </div>
        <div className="buttons">
          <Button data-testid="run-query" onClick={runQuery} icon="sync">
            Run query
          </Button>
        </div>
        <details>
          <summary>Query JSON</summary>
          <pre data-testid="query-json">{JSON.stringify(query, null, 2)}</pre>
        </details>
      </section>

      <section data-testid="panel-section">
        <HostErrorBoundary area="panel" onError={onFatal}>
          <Panel data={data} range={range} run={run} />
        </HostErrorBoundary>
      </section>
    </>
  );
}
