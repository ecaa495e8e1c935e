/**
 * URL parameters ↔ the host's initial state (pure). Values of `ds`, `query`, `vars` and `dashboard`
 * are JSON, or base64/base64url of JSON; `from`/`to`/`module` are plain strings; `autotest=1`,
 * `skipSourceCheck=1`.
 */
import type { DataQuery } from '@grafana/data';

import { DashboardModel, toDashboardModel } from './dashboard';
import { sceneRange, toSceneModel, SceneDashboardModel } from './scenes/sceneModel';
import { initialSettings, Settings } from './settings';
import { DEFAULT_RANGE, RawRange } from './timeRange';
import type { HostVariable } from '../../../src/testing/grafanaTemplateSrv';

export const DEFAULT_MODULE = '/dist/module.js';

/** /playground-defaults.json (server.mjs, from the stack's seed). */
export interface PlaygroundDefaults {
  url?: string;
  jsonData?: Record<string, unknown>;
  query?: Partial<DataQuery> & Record<string, unknown>;
  vars?: HostVariable[];
  from?: string;
  to?: string;
}

export interface HostParams {
  ds?: Partial<Settings>;
  query?: Record<string, unknown>;
  vars?: HostVariable[];
  /** a saved dashboard (JSON as Grafana exports it): the page shows its panels instead of the editor */
  dashboard?: unknown;
  from?: string;
  to?: string;
  module?: string;
  /** run Save & test once the plugin is loaded */
  autotest?: boolean;
  /** do not scan the module for a bundled React (tests the render-time detection) */
  skipSourceCheck?: boolean;
}

export interface InitialState {
  settings: Settings;
  query: DataQuery;
  vars: HostVariable[];
  range: RawRange;
  autotest: boolean;
  /** dashboard mode */
  dashboard?: DashboardModel;
  /** dashboard mode: what the scene is built from */
  sceneDashboard?: SceneDashboardModel;
}

export class UrlParamError extends Error {}

const JSON_PARAMS = ['ds', 'query', 'vars', 'dashboard'] as const;
const TEXT_PARAMS = ['from', 'to', 'module'] as const;
const FLAG_PARAMS = ['autotest', 'skipSourceCheck'] as const;

/** A JSON parameter: JSON text, or base64/base64url of UTF-8 JSON. Empty → undefined. */
export function decodeJsonParam<T>(name: string, raw: string | null): T | undefined {
  if (raw === null || raw === '') {
    return undefined;
  }
  try {
    return JSON.parse(raw) as T;
  } catch {
    // base64 / base64url
  }
  try {
    // a `+` of plain base64 arrives as a space when the URL was not encoded
    const b64 = raw.replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    throw new UrlParamError(`URL parameter "${name}" is neither JSON nor base64-encoded JSON`);
  }
}

/** Reads the host parameters of a `location.search`; throws UrlParamError for undecodable JSON ones. */
export function readHostParams(search: string): HostParams {
  const q = new URLSearchParams(search);
  const out: HostParams = {};
  for (const name of JSON_PARAMS) {
    const value = decodeJsonParam<never>(name, q.get(name));
    if (value !== undefined) {
      out[name] = value;
    }
  }
  for (const name of TEXT_PARAMS) {
    const value = q.get(name);
    if (value !== null) {
      out[name] = value;
    }
  }
  for (const name of FLAG_PARAMS) {
    if (q.get(name) === '1') {
      out[name] = true;
    }
  }
  return out;
}

/** The inverse of readHostParams: JSON values as base64url (URL-safe), flags as `1`. */
export function hostSearch(p: HostParams): string {
  const q = new URLSearchParams();
  for (const name of JSON_PARAMS) {
    if (p[name] !== undefined) {
      const bytes = new TextEncoder().encode(JSON.stringify(p[name]));
      const b64 = btoa(String.fromCharCode(...bytes));
      q.set(name, b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''));
    }
  }
  for (const name of TEXT_PARAMS) {
    if (p[name] !== undefined) {
      q.set(name, p[name]!);
    }
  }
  for (const name of FLAG_PARAMS) {
    if (p[name]) {
      q.set(name, '1');
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The module to load, readable even when other parameters are broken. */
export function modulePathOf(search: string): string {
  return new URLSearchParams(search).get('module') || DEFAULT_MODULE;
}

/** The dashboard of the `dashboard` parameter; throws UrlParamError when it is not one. */
export function dashboardOf(p: HostParams): DashboardModel | undefined {
  if (p.dashboard === undefined) {
    return undefined;
  }
  try {
    return toDashboardModel(p.dashboard);
  } catch (e) {
    throw new UrlParamError(`URL parameter "dashboard": ${(e as Error).message}`);
  }
}

/**
 * The page's initial state: settings and query given in the URL replace the playground defaults
 * (they are not merged with them); the query always has a refId. A dashboard brings its variables
 * and time range, below `vars`/`from`/`to` given in the URL and above the defaults.
 */
export function initialState(p: HostParams, defaults: PlaygroundDefaults): InitialState {
  const dashboard = dashboardOf(p);
  const range = {
    from: p.from ?? dashboard?.range?.from ?? defaults.from ?? DEFAULT_RANGE.from,
    to: p.to ?? dashboard?.range?.to ?? defaults.to ?? DEFAULT_RANGE.to,
  };
  return {
    settings: initialSettings(p.ds, defaults),
    query: { refId: 'A', ...(p.query ?? defaults.query ?? {}) } as DataQuery,
    vars: p.vars ?? dashboard?.vars ?? defaults.vars ?? [],
    range,
    autotest: !!p.autotest,
    ...(dashboard ? { dashboard, sceneDashboard: toSceneModel(p.dashboard, sceneRange(range)) } : {}),
  };
}
