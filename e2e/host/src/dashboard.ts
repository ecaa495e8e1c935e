/**
 * A saved Grafana dashboard as the host shows it (pure): its panels with targets in layout order
 * (schema 14 `rows`, `panels` with `gridPos`, the nested `panels` of collapsed rows), each sized on
 * Grafana's 24-column grid; its variables at their saved values; its time range.
 * The walk visits panels in the order of tests/integration/dashboards.ts's `panelsOf`, which the
 * browser spec checks against.
 */
import type { DataQuery } from '@grafana/data';

import type { RawRange } from './timeRange';
import type { HostVariable } from '../../../src/testing/grafanaTemplateSrv';

interface SavedPanel {
  type?: string;
  title?: string;
  targets?: DataQuery[];
  panels?: SavedPanel[];
  gridPos?: { w?: number; h?: number };
  /** schema 14: width in 12 columns */
  span?: number;
}

interface SavedVariable {
  name?: string;
  type?: string;
  label?: string;
  query?: unknown;
  multi?: boolean;
  current?: { value?: unknown };
  options?: Array<{ value?: unknown }>;
}

export interface SavedDashboard {
  title?: string;
  time?: { from?: unknown; to?: unknown };
  rows?: Array<{ title?: string; height?: string | number; panels?: SavedPanel[] }>;
  panels?: SavedPanel[];
  templating?: { list?: SavedVariable[] };
}

export interface DashboardPanel {
  /** raw title (Grafana interpolates variables when it draws it) */
  title: string;
  /** title of the row the panel sits in */
  row?: string;
  targets: DataQuery[];
  /** share of the dashboard's width */
  width: number;
  /** pixels */
  height: number;
}

/** A query variable: the data source gives its options (Grafana refreshes them on load). */
export interface VariableQuery {
  name: string;
  query: unknown;
}

export interface DashboardModel {
  title: string;
  panels: DashboardPanel[];
  vars: HostVariable[];
  queries: VariableQuery[];
  /** the saved time range, when it has one */
  range?: RawRange;
}

// Grafana's GRID_CELL_HEIGHT and GRID_CELL_VMARGIN; a schema 14 row's default height
const CELL = 30;
const MARGIN = 8;
const ROW_HEIGHT = 250;

export const panelHeight = (h: number) => h * CELL + (h - 1) * MARGIN;

function rowHeight(height: string | number | undefined): number {
  const px = parseInt(String(height ?? ''), 10);
  return Number.isFinite(px) && px > 0 ? px : ROW_HEIGHT;
}

/** Panels with targets in layout order; rows of the `panels` layout title the panels after them. */
export function dashboardPanels(d: SavedDashboard): DashboardPanel[] {
  const out: DashboardPanel[] = [];
  const add = (p: SavedPanel, row: string | undefined, legacyHeight: number) => {
    if (p.targets?.length) {
      const grid = p.gridPos;
      out.push({
        title: p.title ?? '',
        row,
        targets: p.targets,
        width: grid ? Math.min(grid.w ?? 12, 24) / 24 : Math.min(p.span ?? 12, 12) / 12,
        height: grid ? panelHeight(grid.h ?? 8) : legacyHeight,
      });
    }
    for (const child of p.panels ?? []) {
      add(child, p.type === 'row' ? p.title : row, legacyHeight);
    }
  };
  for (const r of d.rows ?? []) {
    for (const p of r.panels ?? []) {
      add(p, r.title, rowHeight(r.height));
    }
  }
  let row: string | undefined;
  for (const p of d.panels ?? []) {
    if (p.type === 'row') {
      row = p.title;
    }
    add(p, row, panelHeight(8));
  }
  return out;
}

const texts = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).map((x) => String(x));

/**
 * The variables at their saved values (constants: their query). Options: the saved ones, else the
 * current value(s); `$__all` stands for every saved option. Ad hoc filters are not variables here.
 */
export function dashboardVariables(d: SavedDashboard): HostVariable[] {
  const out: HostVariable[] = [];
  for (const v of d.templating?.list ?? []) {
    if (!v.name || v.type === 'adhoc') {
      continue;
    }
    const saved = (v.options ?? []).map((o) => String(o.value)).filter((o) => o !== '$__all');
    let values = texts(v.type === 'constant' ? v.query : v.current?.value);
    if (values.includes('$__all') && saved.length) {
      values = saved;
    }
    out.push({
      name: v.name,
      ...(v.label ? { label: v.label } : {}),
      multi: !!v.multi,
      options: [...new Set([...saved, ...values])],
      current: v.multi ? values : (values[0] ?? ''),
    });
  }
  return out;
}

/** The query variables, in order (a variable's query may use the ones before it). */
export function variableQueries(d: SavedDashboard): VariableQuery[] {
  return (d.templating?.list ?? [])
    .filter((v) => v.name && v.type === 'query' && v.query !== undefined && v.query !== '')
    .map((v) => ({ name: v.name!, query: v.query }));
}

/**
 * The dashboard of a `dashboard` URL parameter: a dashboard JSON, or an API answer
 * `{dashboard: {...}}`. Throws a readable Error for anything else.
 */
export function toDashboardModel(value: unknown): DashboardModel {
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  let d = value;
  if (isObject(d) && !('panels' in d) && !('rows' in d) && isObject(d.dashboard)) {
    d = d.dashboard;
  }
  if (!isObject(d) || !(Array.isArray(d.panels) || Array.isArray(d.rows))) {
    throw new Error('it is not a dashboard: a dashboard JSON has a "panels" (or, before Grafana 5, "rows") list');
  }
  const dash = d as SavedDashboard;
  const { from, to } = dash.time ?? {};
  return {
    title: typeof dash.title === 'string' ? dash.title : 'Dashboard',
    panels: dashboardPanels(dash),
    vars: dashboardVariables(dash),
    queries: variableQueries(dash),
    ...(typeof from === 'string' && typeof to === 'string' ? { range: { from, to } } : {}),
  };
}
