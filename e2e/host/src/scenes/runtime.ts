/**
 * What Grafana provides to @grafana/scenes, installed once before any scene object is built
 * (`grafana-datasource-contract.md` §7): `setRunRequest` (sceneRunRequest.ts, core's request path),
 * a scenes-aware TemplateSrv (`replace` with a `__sceneObject` in the scoped variables goes through
 * `sceneGraph.interpolate`, as core's template_srv does; anything else through the host's
 * TemplateSrv), the plugin import utilities VizPanel loads panels with (core panels are not on npm:
 * the host's time-series panel is registered at runtime as `timeseries`), and the app event bus.
 */
import type { ScopedVars, TimeRange } from '@grafana/data';
import { EventBusSrv } from '@grafana/data';
import {
  getTemplateSrv,
  setAppEvents,
  setPluginImportUtils,
  setRunRequest,
  setTemplateSrv,
  TemplateSrv,
} from '@grafana/runtime';
import { sceneGraph, SceneObject, sceneUtils } from '@grafana/scenes';

import { sceneRunRequest } from './sceneRunRequest';
import { timeSeriesPanelPlugin } from './TimeSeriesPanel';

let installed = false;

function sceneObjectOf(scopedVars?: ScopedVars): SceneObject | undefined {
  const v = scopedVars?.__sceneObject?.value as { valueOf(): unknown } | undefined;
  const obj = v?.valueOf();
  return obj && typeof obj === 'object' && 'state' in obj ? (obj as SceneObject) : undefined;
}

/** The host's TemplateSrv with scenes interpolation for requests that come from a scene. */
export function sceneAwareTemplateSrv(base: TemplateSrv): TemplateSrv {
  return {
    getVariables: () => base.getVariables(),
    containsTemplate: (t?: string) => base.containsTemplate(t),
    updateTimeRange: (r: TimeRange) => base.updateTimeRange(r),
    replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
      const scene = sceneObjectOf(scopedVars);
      if (scene) {
        return sceneGraph.interpolate(scene, target, scopedVars, format as any);
      }
      return base.replace(target, scopedVars, format);
    },
  } as TemplateSrv;
}

export function installSceneRuntime() {
  if (installed) {
    return;
  }
  installed = true;
  setTemplateSrv(sceneAwareTemplateSrv(getTemplateSrv()));
  setRunRequest((ds, request, queryFunction) => sceneRunRequest(ds, request, queryFunction as any));
  setAppEvents(new EventBusSrv());
  // sceneUtils': the top-level export is newer than the scenes of older trees
  sceneUtils.registerRuntimePanelPlugin({ pluginId: 'timeseries', plugin: timeSeriesPanelPlugin() });
  setPluginImportUtils({
    importPanelPlugin: (id: string) =>
      Promise.reject(new Error(`panel plugin "${id}" is not in the playground (only the time-series panel is)`)),
    getPanelPluginFromCache: () => undefined,
  });
}
