/**
 * What the host tells tests about itself: `window.__host` (and `data-host-status` on <html>), the
 * panel's last result `window.__panel` (in dashboard mode: each panel's in `window.__dashboard`),
 * the installed services `window.__hostServices`.
 */
import type { DataQueryError, LoadingState } from '@grafana/data';

import type { HostBackendSrv } from './backendSrv';
import type { PanelSeries } from './panel/series';
import type { HostTemplateSrv } from '../../../src/testing/grafanaTemplateSrv';

export interface HostState {
  status: 'loading' | 'ready' | 'error';
  kind?: string;
  message?: string;
  module?: string;
  pluginId?: string;
}

export interface PanelState {
  run: number;
  state: LoadingState;
  series: PanelSeries[];
  errors: DataQueryError[];
  /** scenes dashboard: the annotation events the panel draws */
  annotations?: Array<{ time: number; timeEnd?: number; title: string; text: string; tags: string[] }>;
}

export interface DashboardState {
  title: string;
  /** in layout order; each with its raw title */
  panels: Array<PanelState & { title: string }>;
}

declare global {
  interface Window {
    __host: HostState;
    __panel: PanelState;
    __dashboard?: DashboardState;
    /** The installed runtime services, for tests of the host itself. */
    __hostServices: { backendSrv: HostBackendSrv; templateSrv: HostTemplateSrv };
  }
}

/** Publishes the host's status; an error also goes to the console, prefixed `[playground host]`. */
export function publish(state: HostState) {
  window.__host = state;
  document.documentElement.dataset.hostStatus = state.status;
  if (state.status === 'error') {
    console.error(`[playground host] ${state.kind}: ${state.message}`);
  }
}

/** Publishes the result of the dashboard's panel `index` (`window.__dashboard`). */
export function publishDashboardPanel(dashboardTitle: string, index: number, state: PanelState & { title: string }) {
  const d = window.__dashboard ?? { title: dashboardTitle, panels: [] };
  d.panels[index] = state;
  window.__dashboard = d;
}
