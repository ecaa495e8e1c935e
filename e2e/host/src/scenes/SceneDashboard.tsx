/**
 * Dashboard mode on @grafana/scenes (`dashboard` URL parameter): the saved dashboard as a scene
 * (buildScene.tsx) with its controls (variables, ad hoc filters, annotation toggles, time picker),
 * a panel-edit view (the panel and the plugin's QueryEditor for its queries, "Edit" in a panel's
 * header), and the variables view (each query variable in the plugin's variable editor, as
 * Grafana's dashboard settings show it). The scene is rebuilt when the data source instance changes
 * (Save & test). Tests read `window.__dashboard` (each panel's runs, series, errors, annotations)
 * and `window.__sceneVariables` (each variable's value, options, loading, error).
 */
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { CoreApp, DataQuery, DataSourcePluginMeta, LoadingState } from '@grafana/data';
import {
  MultiValueVariable,
  QueryVariable,
  sceneGraph,
  SceneQueryRunner,
  SceneVariable,
  useSceneObjectState,
  VizPanel,
} from '@grafana/scenes';
import { Button, Stack } from '@grafana/ui';

import { HostErrorBoundary, OnFatal } from '../failures';
import type { AnyDataSource, AnyPlugin } from '../services';
import { buildScene, BuiltScene } from './buildScene';
import type { SceneDashboardModel } from './sceneModel';

export interface SceneVariableState {
  type: string;
  value: unknown;
  text: unknown;
  options: Array<{ label: string; value: string }>;
  loading: boolean;
  error?: string;
  filters?: unknown[];
}

declare global {
  interface Window {
    __sceneVariables?: Record<string, SceneVariableState>;
  }
}

function variableState(v: SceneVariable): SceneVariableState {
  const s = v.state as any;
  return {
    type: s.type,
    value: s.value ?? (s.filters ? undefined : null),
    text: s.text,
    options:
      v instanceof MultiValueVariable ? (s.options ?? []).map((o: any) => ({ label: o.label, value: o.value })) : [],
    loading: !!s.loading,
    ...(s.error ? { error: String(s.error?.message ?? s.error) } : {}),
    ...(s.filters ? { filters: s.filters } : {}),
  };
}

/** Publishes the variables' state on every change; true once no query variable is loading. */
function useVariablesPublished(built: BuiltScene): { refreshed: boolean; errors: string[] } {
  const [status, setStatus] = useState({ refreshed: false, errors: [] as string[] });
  useEffect(() => {
    const vars = sceneGraph.getVariables(built.scene).state.variables;
    const publish = () => {
      const all: Record<string, SceneVariableState> = {};
      for (const v of vars) {
        all[v.state.name] = variableState(v);
      }
      window.__sceneVariables = all;
      const queries = vars.filter((v) => v instanceof QueryVariable);
      const refreshed = queries.every(
        (v) => !all[v.state.name].loading && (all[v.state.name].options.length > 0 || all[v.state.name].error)
      );
      const errors = queries.flatMap((v) =>
        all[v.state.name].error ? [`$${v.state.name}: ${all[v.state.name].error}`] : []
      );
      setStatus((s) => (s.refreshed === refreshed && s.errors.join() === errors.join() ? s : { refreshed, errors }));
    };
    const subs = vars.map((v) => v.subscribeToState(publish));
    publish();
    return () => subs.forEach((s) => s.unsubscribe());
  }, [built]);
  return status;
}

interface PanelEditProps {
  plugin: AnyPlugin;
  ds: AnyDataSource;
  panel: VizPanel;
  runner: SceneQueryRunner;
  onClose: () => void;
  onFatal: OnFatal;
}

/** Panel edit: the panel above, the plugin's QueryEditor for each of its queries below. */
function PanelEdit({ plugin, ds, panel, runner, onClose, onFatal }: PanelEditProps) {
  const { queries, data } = useSceneObjectState(runner, { shouldActivateOrKeepAlive: true });
  const range = sceneGraph.getTimeRange(runner).state.value;
  const { QueryEditor } = plugin.components;
  const onChange = useCallback(
    (i: number, q: DataQuery) => runner.setState({ queries: runner.state.queries.map((x, j) => (j === i ? q : x)) }),
    [runner]
  );
  const run = useCallback(() => runner.runQueries(), [runner]);
  return (
    <section data-testid="panel-edit" data-title={panel.state.title}>
      <Stack justifyContent="space-between" alignItems="center">
        <h3 style={{ margin: 0 }}>Edit panel: {panel.state.title}</h3>
        <Stack>
          <Button data-testid="panel-edit-run" icon="sync" onClick={run}>
            Run queries
          </Button>
          <Button data-testid="panel-edit-close" variant="secondary" icon="arrow-left" onClick={onClose}>
            Back to dashboard
          </Button>
        </Stack>
      </Stack>
      <div style={{ height: 320, margin: '8px 0' }}>
        <panel.Component model={panel} />
      </div>
      {queries.map((q, i) => (
        <div key={q.refId ?? i} data-testid="panel-edit-query" data-refid={q.refId}>
          <h4>Query {q.refId}</h4>
          <HostErrorBoundary area="QueryEditor" onError={onFatal}>
            {QueryEditor ? (
              <QueryEditor
                datasource={ds}
                query={q}
                queries={queries}
                app={CoreApp.PanelEditor}
                range={range}
                data={data ?? { state: LoadingState.NotStarted, series: [], timeRange: range }}
                onChange={(next: DataQuery) => onChange(i, next)}
                onRunQuery={run}
              />
            ) : (
              <em>No QueryEditor</em>
            )}
          </HostErrorBoundary>
        </div>
      ))}
    </section>
  );
}

/** Query variables in the plugin's variable editor, as Grafana's dashboard settings pass them. */
function VariablesEdit({
  built,
  ds,
  onClose,
  onFatal,
}: {
  built: BuiltScene;
  ds: AnyDataSource;
  onClose: () => void;
  onFatal: OnFatal;
}) {
  const vars = sceneGraph
    .getVariables(built.scene)
    .state.variables.filter((v): v is QueryVariable => v instanceof QueryVariable);
  const Editor = (ds.variables as { editor?: React.ComponentType<any> } | undefined)?.editor;
  return (
    <section data-testid="variables-edit">
      <Stack justifyContent="space-between" alignItems="center">
        <h3 style={{ margin: 0 }}>Variables</h3>
        <Button data-testid="variables-edit-close" variant="secondary" icon="arrow-left" onClick={onClose}>
          Back to dashboard
        </Button>
      </Stack>
      {vars.map((v) => (
        <VariableEdit key={v.state.name} variable={v} ds={ds} Editor={Editor} onFatal={onFatal} />
      ))}
    </section>
  );
}

function VariableEdit({
  variable,
  ds,
  Editor,
  onFatal,
}: {
  variable: QueryVariable;
  ds: AnyDataSource;
  Editor?: React.ComponentType<any>;
  onFatal: OnFatal;
}) {
  const { query, name, options } = useSceneObjectState(variable);
  const range = sceneGraph.getTimeRange(variable).state.value;
  // public/app/features/dashboard-scene/settings/variables/components/QueryEditor.tsx
  const defaults = (ds.variables as { getDefaultQuery?: () => object } | undefined)?.getDefaultQuery?.();
  const editorQuery = typeof query === 'string' ? query || defaults || '' : { ...defaults, ...query };
  return (
    <div data-testid="variable-edit" data-name={name} style={{ margin: '12px 0' }}>
      <h4>${name}</h4>
      <HostErrorBoundary area="variable editor" onError={onFatal}>
        {Editor ? (
          <Editor
            datasource={ds}
            query={editorQuery}
            onChange={(q: any) => variable.setState({ query: q })}
            onRunQuery={() => {}}
            data={{ series: [], state: LoadingState.Done, timeRange: range }}
            range={range}
            history={[]}
          />
        ) : (
          <em>The data source has no variable editor</em>
        )}
      </HostErrorBoundary>
      <Stack alignItems="center">
        <Button size="sm" data-testid="variable-run" icon="sync" onClick={() => variable.refreshOptions()}>
          Run query
        </Button>
        <span data-testid="variable-preview" style={{ fontSize: 12, opacity: 0.8 }}>
          {options.length} values:{' '}
          {options
            .slice(0, 8)
            .map((o) => o.label)
            .join(', ')}
          {options.length > 8 ? ', …' : ''}
        </span>
      </Stack>
      <details>
        <summary>Saved query</summary>
        <pre data-testid="variable-query-json">{JSON.stringify(query, null, 2)}</pre>
      </details>
    </div>
  );
}

export interface SceneDashboardProps {
  model: SceneDashboardModel;
  plugin: AnyPlugin;
  meta: DataSourcePluginMeta;
  ds: AnyDataSource;
  /** the time range of the URL (`from`/`to`), over the dashboard's own */
  range?: { from: string; to: string };
  onFatal: OnFatal;
}

export function SceneDashboard({ model, plugin, meta, ds, range, onFatal }: SceneDashboardProps) {
  const [editing, setEditing] = useState<number | undefined>(undefined);
  const [view, setView] = useState<'dashboard' | 'variables'>('dashboard');
  const built = useMemo(() => {
    window.__dashboard = { title: model.title, panels: [] };
    return buildScene(model, {
      ds: ds.getRef(),
      multiValueFilterOperators: !!(meta as { multiValueFilterOperators?: boolean }).multiValueFilterOperators,
      onEditPanel: setEditing,
      range,
    });
  }, [model, ds, meta, range]);
  const { refreshed, errors } = useVariablesPublished(built);
  const editIndex = editing === undefined ? -1 : built.panels.findIndex((p) => p.state.key === `panel-${editing}`);

  return (
    <section
      data-testid="dashboard"
      data-engine="scenes"
      data-title={model.title}
      data-variables={refreshed ? 'refreshed' : 'refreshing'}
    >
      <Stack justifyContent="space-between" alignItems="center">
        <h2>{model.title}</h2>
        <Button
          data-testid="open-variables-edit"
          size="sm"
          variant="secondary"
          icon="cog"
          onClick={() => setView(view === 'variables' ? 'dashboard' : 'variables')}
        >
          Variables
        </Button>
      </Stack>
      {model.unsupported.length > 0 && (
        <div data-testid="variables-unsupported" style={{ fontSize: 12, opacity: 0.8 }}>
          Not drawn by the playground: {model.unsupported.join(', ')}
        </div>
      )}
      {errors.length > 0 && (
        <pre data-testid="variables-error" style={{ color: '#ff5286', whiteSpace: 'pre-wrap' }}>
          {errors.join('\n')}
        </pre>
      )}
      {view === 'variables' && (
        <VariablesEdit built={built} ds={ds} onClose={() => setView('dashboard')} onFatal={onFatal} />
      )}
      {editIndex >= 0 && (
        <PanelEdit
          plugin={plugin}
          ds={ds}
          panel={built.panels[editIndex]}
          runner={built.runners[editIndex]}
          onClose={() => setEditing(undefined)}
          onFatal={onFatal}
        />
      )}
      {model.panels.length === 0 && <em data-testid="dashboard-empty">This dashboard has no panel with queries.</em>}
      <div data-testid="scene">
        <built.scene.Component model={built.scene} />
      </div>
    </section>
  );
}
