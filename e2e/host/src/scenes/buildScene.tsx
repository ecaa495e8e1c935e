/**
 * A SceneDashboardModel (sceneModel.ts) as a scene on the page's data source: time range and
 * picker, the variables bar (QueryVariable through the plugin's variable support, custom, constant,
 * text box, interval, and an AdHocFiltersVariable on getTagKeys/getTagValues), the annotation
 * layers (AnnotationsDataLayer), and one VizPanel per panel with targets (the runtime `timeseries`
 * panel, a SceneQueryRunner with the panel's targets), in layout order with the saved widths.
 * Requests say `app: dashboard`, as a Grafana dashboard enriches them.
 */
import React from 'react';
import { CoreApp, DataQuery, DataSourceRef } from '@grafana/data';
import {
  AdHocFiltersVariable,
  ConstantVariable,
  CustomVariable,
  dataLayers,
  EmbeddedScene,
  EmbeddedSceneState,
  IntervalVariable,
  QueryVariable,
  SceneCanvasText,
  SceneControlsSpacer,
  SceneDataLayerControls,
  SceneDataLayerSet,
  SceneFlexItem,
  SceneFlexLayout,
  SceneObject,
  SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  SceneVariable,
  SceneVariableSet,
  TextBoxVariable,
  VariableValueSelectors,
  VizPanel,
} from '@grafana/scenes';
import { Button } from '@grafana/ui';
import { VariableHide, VariableRefresh, VariableSort } from '@grafana/schema';

import type { SceneDashboardModel, SceneVariableModel } from './sceneModel';
import type { HostPanelOptions } from './TimeSeriesPanel';

/** The scene root: a dashboard's requests say `app: dashboard` (DashboardScene.enrichDataRequest). */
export class HostDashboardScene extends EmbeddedScene {
  constructor(state: EmbeddedSceneState) {
    super(state);
  }
  enrichDataRequest(_source: SceneObject) {
    return { app: CoreApp.Dashboard };
  }
}

const hideOf = (hide: number) =>
  hide === 2 ? VariableHide.hideVariable : hide === 1 ? VariableHide.hideLabel : VariableHide.dontHide;

function variable(v: SceneVariableModel, ds: DataSourceRef, multiValueOperators: boolean): SceneVariable {
  const base = {
    name: v.name,
    ...(v.label ? { label: v.label } : {}),
    ...(v.description ? { description: v.description } : {}),
    hide: hideOf(v.hide),
  };
  switch (v.kind) {
    case 'query':
      return new QueryVariable({
        ...base,
        datasource: ds,
        query: v.query as string,
        isMulti: v.multi,
        includeAll: v.includeAll,
        ...(v.allValue ? { allValue: v.allValue } : {}),
        regex: v.regex ?? '',
        sort: v.sort as VariableSort,
        refresh: (v.refresh === 2 ? VariableRefresh.onTimeRangeChanged : VariableRefresh.onDashboardLoad) as any,
        value: v.value,
        text: v.text,
      });
    case 'custom':
      return new CustomVariable({
        ...base,
        query: v.query,
        isMulti: v.multi,
        includeAll: v.includeAll,
        ...(v.allValue ? { allValue: v.allValue } : {}),
        value: v.value,
        text: v.text,
      });
    case 'constant':
      return new ConstantVariable({ ...base, value: v.value, hide: VariableHide.hideVariable });
    case 'textbox':
      return new TextBoxVariable({ ...base, value: v.value });
    case 'interval':
      return new IntervalVariable({ ...base, intervals: v.intervals, value: v.value });
    case 'adhoc':
      return new AdHocFiltersVariable({
        ...base,
        datasource: ds,
        applyMode: 'auto',
        filters: v.filters,
        supportsMultiValueOperators: multiValueOperators,
        // as dashboards do: the panels' queries go to getTagKeys/getTagValues
        useQueriesAsFilterForOptions: true,
        layout: 'horizontal',
      });
  }
}

export interface BuiltScene {
  scene: HostDashboardScene;
  panels: VizPanel[];
  runners: SceneQueryRunner[];
}

export interface BuildOptions {
  /** the page's data source, which every reference of the dashboard becomes */
  ds: DataSourceRef;
  multiValueFilterOperators: boolean;
  /** "Edit" of a panel's header: the panel-edit view */
  onEditPanel: (index: number) => void;
  /** the time range of the URL, over the dashboard's own */
  range?: { from: string; to: string };
}

const withDataSource = (targets: DataQuery[], ds: DataSourceRef) => targets.map((t) => ({ ...t, datasource: ds }));

export function buildScene(model: SceneDashboardModel, o: BuildOptions): BuiltScene {
  const panels: VizPanel[] = [];
  const runners: SceneQueryRunner[] = [];
  const items: SceneFlexItem[] = [];
  let row: string | undefined;
  for (const p of model.panels) {
    if (p.row !== undefined && p.row !== row) {
      items.push(
        new SceneFlexItem({
          width: '100%',
          height: 28,
          body: new SceneCanvasText({ text: p.row, fontSize: 16 }),
        })
      );
    }
    row = p.row;
    const runner = new SceneQueryRunner({
      datasource: o.ds,
      queries: withDataSource(p.targets, o.ds),
      maxDataPoints: 1000,
    });
    const options: HostPanelOptions = { hostIndex: p.index, hostTitle: p.title, dashboardTitle: model.title };
    const panel = new VizPanel({
      key: `panel-${p.index}`,
      pluginId: 'timeseries',
      title: p.title,
      options,
      fieldConfig: { defaults: {}, overrides: [] },
      $data: runner,
      headerActions: (
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          icon="pen"
          data-testid="edit-panel"
          aria-label={`Edit panel ${p.title}`}
          onClick={() => o.onEditPanel(p.index)}
        >
          Edit
        </Button>
      ),
    });
    panels.push(panel);
    runners.push(runner);
    items.push(
      new SceneFlexItem({
        width: `calc(${(p.width * 100).toFixed(3)}% - 8px)`,
        height: p.height,
        minWidth: 240,
        body: panel,
      })
    );
  }
  const layers = model.annotations.map(
    (a) =>
      new dataLayers.AnnotationsDataLayer({
        name: a.name,
        isEnabled: a.enable,
        isHidden: !!a.hide,
        query: { ...a, datasource: o.ds },
      })
  );
  const range = o.range ?? model.time;
  const scene = new HostDashboardScene({
    $timeRange: new SceneTimeRange({ from: range.from, to: range.to, timeZone: 'utc' }),
    $variables: new SceneVariableSet({
      variables: model.variables.map((v) => variable(v, o.ds, o.multiValueFilterOperators)),
    }),
    $data: new SceneDataLayerSet({ layers }),
    controls: [
      new VariableValueSelectors({}),
      new SceneDataLayerControls(),
      new SceneControlsSpacer(),
      new SceneTimePicker({ isOnCanvas: true }),
      new SceneRefreshPicker({ isOnCanvas: true }),
    ],
    body: new SceneFlexLayout({ direction: 'row', wrap: 'wrap', children: items }),
  });
  return { scene, panels, runners };
}
