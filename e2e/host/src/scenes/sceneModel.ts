/**
 * A saved dashboard JSON as the scene the host builds from it (pure, no scenes import): the panels
 * in layout order (dashboard.ts), the variables by kind with their saved state, and the annotation
 * layers of the plugin's data source. Every data source reference becomes the page's one data
 * source (Grafana would look the saved uid up; the playground has one instance), so that ad hoc
 * filters apply to every panel (scenes applies them to queries of the same data source uid).
 */
import type { AnnotationQuery, DataQuery } from '@grafana/data';

import { DashboardPanel, dashboardPanels, SavedDashboard } from '../dashboard';

export type VariableValue = string | string[];

interface Common {
  name: string;
  label?: string;
  /** Grafana's `hide`: 0 shown, 1 label hidden, 2 variable hidden */
  hide: number;
  description?: string;
}

export type SceneVariableModel =
  | (Common & {
      kind: 'query';
      /** as saved: a 1.x string or the plugin's variable query model */
      query: unknown;
      multi: boolean;
      includeAll: boolean;
      allValue?: string;
      regex?: string;
      sort: number;
      /** 1 on dashboard load, 2 on time range change */
      refresh: number;
      value: VariableValue;
      text: VariableValue;
    })
  | (Common & {
      kind: 'custom';
      query: string;
      multi: boolean;
      includeAll: boolean;
      allValue?: string;
      value: VariableValue;
      text: VariableValue;
    })
  | (Common & { kind: 'constant' | 'textbox'; value: string })
  | (Common & { kind: 'interval'; intervals: string[]; value: string })
  | (Common & { kind: 'adhoc'; filters: Array<{ key: string; operator: string; value: string; values?: string[] }> });

export interface SceneDashboardModel {
  uid?: string;
  title: string;
  time: { from: string; to: string };
  panels: Array<DashboardPanel & { index: number }>;
  variables: SceneVariableModel[];
  /** the plugin's annotation queries (Grafana's built-in "Annotations & Alerts" layer is left out) */
  annotations: Array<AnnotationQuery<DataQuery>>;
  /** variable types the host does not draw (named in the page) */
  unsupported: string[];
}

interface SavedVar {
  name?: string;
  type?: string;
  label?: string;
  description?: string;
  hide?: number;
  query?: unknown;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string | null;
  regex?: string;
  sort?: number;
  refresh?: number;
  current?: { value?: unknown; text?: unknown };
  options?: Array<{ value?: unknown; text?: unknown; selected?: boolean }>;
  filters?: Array<{ key: string; operator: string; value: string; values?: string[] }>;
}

const asValue = (v: unknown): VariableValue =>
  Array.isArray(v) ? v.map(String) : v === undefined || v === null ? '' : String(v);

function common(v: SavedVar): Common {
  return {
    name: v.name!,
    ...(v.label ? { label: v.label } : {}),
    ...(v.description ? { description: v.description } : {}),
    hide: typeof v.hide === 'number' ? v.hide : 0,
  };
}

/** The saved value: `current`, else the options marked selected. */
function current(v: SavedVar): { value: VariableValue; text: VariableValue } {
  if (v.current && v.current.value !== undefined) {
    return { value: asValue(v.current.value), text: asValue(v.current.text ?? v.current.value) };
  }
  const selected = (v.options ?? []).filter((o) => o.selected);
  const value = selected.map((o) => String(o.value));
  return v.multi ? { value, text: value } : { value: value[0] ?? '', text: value[0] ?? '' };
}

export function sceneVariables(d: SavedDashboard): { variables: SceneVariableModel[]; unsupported: string[] } {
  const variables: SceneVariableModel[] = [];
  const unsupported: string[] = [];
  for (const raw of (d.templating?.list ?? []) as SavedVar[]) {
    if (!raw.name) {
      continue;
    }
    const base = common(raw);
    const multi = !!raw.multi;
    const includeAll = !!raw.includeAll;
    const allValue = raw.allValue ? { allValue: raw.allValue } : {};
    switch (raw.type) {
      case 'query':
        variables.push({
          ...base,
          kind: 'query',
          query: raw.query ?? '',
          multi,
          includeAll,
          ...allValue,
          ...(raw.regex ? { regex: raw.regex } : {}),
          sort: raw.sort ?? 0,
          refresh: raw.refresh ?? 1,
          ...current(raw),
        });
        break;
      case 'custom':
        variables.push({
          ...base,
          kind: 'custom',
          query: String(raw.query ?? ''),
          multi,
          includeAll,
          ...allValue,
          ...current(raw),
        });
        break;
      case 'constant':
      case 'textbox': {
        const value = raw.type === 'constant' ? raw.query : (raw.current?.value ?? raw.query);
        variables.push({ ...base, kind: raw.type, value: String(value ?? '') });
        break;
      }
      case 'interval': {
        const intervals = String(raw.query ?? '1m,10m,1h')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const value = String(raw.current?.value ?? intervals[0] ?? '1m');
        variables.push({ ...base, kind: 'interval', intervals, value });
        break;
      }
      case 'adhoc':
        variables.push({ ...base, kind: 'adhoc', filters: raw.filters ?? [] });
        break;
      default:
        unsupported.push(`$${raw.name} (${raw.type ?? 'no type'})`);
    }
  }
  return { variables, unsupported };
}

interface SavedAnnotation extends Partial<AnnotationQuery<DataQuery>> {
  builtIn?: number;
  datasource?: any;
}

/** Annotation layers of the data source: not Grafana's built-in one (`builtIn: 1`, `-- Grafana --`). */
export function sceneAnnotations(d: { annotations?: { list?: SavedAnnotation[] } }): Array<AnnotationQuery<DataQuery>> {
  return (d.annotations?.list ?? [])
    .filter((a) => !a.builtIn && (a.datasource?.uid ?? a.datasource) !== '-- Grafana --')
    .map(
      (a) =>
        ({
          ...a,
          name: a.name ?? 'Annotations',
          enable: a.enable !== false,
          iconColor: a.iconColor ?? 'orange',
        }) as AnnotationQuery<DataQuery>
    );
}

/** A range bound as scenes' SceneTimeRange reads it: epoch ms as an ISO date, the rest as it is. */
export function sceneRange(raw: { from: string; to: string }): { from: string; to: string } {
  const bound = (t: string) => (/^\d+$/.test(t.trim()) ? new Date(Number(t)).toISOString() : t);
  return { from: bound(raw.from), to: bound(raw.to) };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The model of a dashboard JSON (or an API answer `{dashboard}`); throws a readable Error otherwise. */
export function toSceneModel(value: unknown, fallbackRange: { from: string; to: string }): SceneDashboardModel {
  let d = value;
  if (isObject(d) && !('panels' in d) && !('rows' in d) && isObject(d.dashboard)) {
    d = d.dashboard;
  }
  if (!isObject(d) || !(Array.isArray(d.panels) || Array.isArray(d.rows))) {
    throw new Error('it is not a dashboard: a dashboard JSON has a "panels" (or, before Grafana 5, "rows") list');
  }
  const dash = d as SavedDashboard & { uid?: string; annotations?: { list?: SavedAnnotation[] } };
  const { from, to } = dash.time ?? {};
  return {
    ...(typeof dash.uid === 'string' ? { uid: dash.uid } : {}),
    title: typeof dash.title === 'string' ? dash.title : 'Dashboard',
    time: typeof from === 'string' && typeof to === 'string' ? { from, to } : fallbackRange,
    panels: dashboardPanels(dash).map((p, index) => ({ ...p, index })),
    ...sceneVariables(dash),
    annotations: sceneAnnotations(dash),
  };
}
