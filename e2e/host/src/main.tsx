/**
 * The playground / e2e host: loads the BUILT plugin (dist/module.js) the way Grafana does
 * (loader.ts), installs Grafana-like runtime services (templateSrv.ts, backendSrv.ts), and renders
 * the plugin's ConfigEditor with Save & test, its QueryEditor, a variables bar, a time range and a
 * real @grafana/ui time-series panel with legend.
 *
 * URL parameters (JSON, or base64/base64url of JSON) preload the state:
 *   ds     data source settings (DataSourceSettings: url, access, jsonData, ...) merged on the defaults
 *   query  the panel query (merged on {refId: 'A'})
 *   vars   variables: [{name, multi?, options: [...], current: 'x' | ['x', 'y']}]
 *   from, to  time range: `now-3h`, `now`, ISO dates or epoch ms
 *   module    the plugin module to load (default /dist/module.js)
 *   autotest  1: run Save & test once the plugin is loaded
 *   skipSourceCheck  1: do not scan the module for a bundled React (tests the render-time detection)
 *
 * Stable hooks for tests: data-testid attributes (see below) and `window.__host` /
 * `window.__panel` / `window.__backendSrvCalls`.
 */
import React, { Component, ErrorInfo, ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { from as rxFrom, Subscription } from 'rxjs';
import {
  applyFieldOverrides,
  CoreApp,
  DataFrame,
  DataQuery,
  DataQueryError,
  DataQueryRequest,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourcePlugin,
  DataSourcePluginMeta,
  DataSourceSettings,
  dateMath,
  dateTime,
  FieldColorModeId,
  FieldType,
  getFieldDisplayName,
  LoadingState,
  PanelData,
  rangeUtil,
  TimeRange,
} from '@grafana/data';
import { config, setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import {
  Alert,
  Button,
  GlobalStyles,
  LegendDisplayMode,
  PanelChrome,
  ThemeContext,
  TimeSeries,
  TooltipDisplayMode,
} from '@grafana/ui';

import { asBackendSrv, HostBackendSrv } from './backendSrv';
import { loadDataSourcePlugin, PluginLoadError } from './loader';
import { HostTemplateSrv, HostVariable } from '../../../src/testing/grafanaTemplateSrv';

type AnyPlugin = DataSourcePlugin<DataSourceApi<DataQuery, any>, DataQuery, any>;
type Settings = DataSourceSettings<any, any>;

export interface PanelSeries {
  name: string;
  refId?: string;
  times: number[];
  values: Array<number | null>;
  last: number | null;
}

export interface HostState {
  status: 'loading' | 'ready' | 'error';
  kind?: string;
  message?: string;
  module?: string;
  pluginId?: string;
}

declare global {
  interface Window {
    __host: HostState;
    __panel: { run: number; state: LoadingState; series: PanelSeries[]; errors: DataQueryError[] };
    /** The installed runtime services, for tests of the host itself. */
    __hostServices: { backendSrv: HostBackendSrv; templateSrv: HostTemplateSrv };
  }
}

// ---------------------------------------------------------------------------------------------
// URL state

function decodeParam<T>(name: string): T | undefined {
  const raw = new URLSearchParams(window.location.search).get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  try {
    return JSON.parse(raw) as T;
  } catch {
    // base64 / base64url
  }
  try {
    const b64 = raw.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    throw new Error(`URL parameter "${name}" is neither JSON nor base64-encoded JSON`);
  }
}

const param = (name: string) => new URLSearchParams(window.location.search).get(name) ?? undefined;

interface Defaults {
  url?: string;
  jsonData?: Record<string, unknown>;
  query?: Partial<DataQuery> & Record<string, unknown>;
  vars?: HostVariable[];
  from?: string;
  to?: string;
}

function defaultSettings(d: Defaults): Settings {
  return {
    id: 1,
    uid: 'gnocchi-playground',
    orgId: 1,
    name: 'Gnocchi (playground)',
    type: 'gnocchixyz-gnocchi-datasource',
    typeName: 'Gnocchi',
    typeLogoUrl: '/dist/img/logo.svg',
    access: 'direct',
    url: d.url ?? 'http://127.0.0.1:5000',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: true,
    jsonData: { ...(d.jsonData ?? {}) },
    secureJsonFields: {},
    secureJsonData: {},
    readOnly: false,
    withCredentials: false,
    version: 1,
  } as Settings;
}

/** What Grafana hands the plugin: DataSourceInstanceSettings (never secureJsonData). */
function toInstanceSettings(s: Settings, meta: DataSourcePluginMeta): DataSourceInstanceSettings<any> {
  const secure = (s.secureJsonData ?? {}) as Record<string, string>;
  const basicAuth =
    s.access === 'direct' && s.basicAuth
      ? 'Basic ' + btoa(`${s.basicAuthUser ?? ''}:${secure.basicAuthPassword ?? ''}`)
      : undefined;
  return {
    id: s.id,
    uid: s.uid,
    type: s.type,
    name: s.name,
    meta,
    url: s.access === 'proxy' ? `/api/datasources/proxy/uid/${s.uid}` : s.url,
    access: s.access as 'direct' | 'proxy',
    jsonData: s.jsonData,
    readOnly: s.readOnly,
    isDefault: s.isDefault,
    withCredentials: s.withCredentials,
    ...(basicAuth ? { basicAuth } : {}),
  } as DataSourceInstanceSettings<any>;
}

function parseTime(text: string, roundUp: boolean) {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    return dateTime(Number(t));
  }
  const parsed = dateMath.toDateTime(t, { roundUp, timezone: 'utc' }) ?? dateMath.parse(t, roundUp, 'utc');
  if (!parsed || !parsed.isValid()) {
    throw new Error(`Invalid time "${text}"`);
  }
  return parsed;
}

function toRange(raw: { from: string; to: string }): TimeRange {
  return { from: parseTime(raw.from, false), to: parseTime(raw.to, true), raw: { from: raw.from, to: raw.to } };
}

// ---------------------------------------------------------------------------------------------
// Loud failures

function publish(state: HostState) {
  window.__host = state;
  document.documentElement.dataset.hostStatus = state.status;
  if (state.status === 'error') {
    console.error(`[playground host] ${state.kind}: ${state.message}`);
  }
}

const HOOK_ERROR = /Invalid hook call|reading 'use[A-Z]\w*'|null \(reading 'use|dispatcher/i;

class HostErrorBoundary extends Component<
  { area: string; onError: (kind: string, message: string) => void; children: ReactNode },
  { error?: Error }
> {
  state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidCatch(error: Error, info: ErrorInfo) {
    const hook = HOOK_ERROR.test(String(error?.message));
    const message =
      `The plugin's ${this.props.area} crashed while rendering: ${error?.message}` +
      (hook
        ? '. This is what happens when a plugin bundles its own React instead of using the one Grafana shares.'
        : '') +
      (info.componentStack ? `\n${info.componentStack.split('\n').slice(0, 4).join('\n')}` : '');
    this.props.onError(hook ? 'own-react' : 'render', message);
  }
  render() {
    if (this.state.error) {
      return (
        <div data-testid={`crashed-${this.props.area}`} style={{ color: '#ff5286' }}>
          {this.props.area} crashed: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}

// ---------------------------------------------------------------------------------------------
// Panel

const FIELD_DEFAULTS = {
  color: { mode: FieldColorModeId.PaletteClassic },
  custom: {
    drawStyle: 'line',
    lineInterpolation: 'linear',
    lineWidth: 1,
    fillOpacity: 10,
    gradientMode: 'none',
    showPoints: 'auto',
    pointSize: 4,
    spanNulls: false,
    axisPlacement: 'auto',
    axisBorderShow: false,
    barAlignment: 0,
    lineStyle: { fill: 'solid' },
    scaleDistribution: { type: 'linear' },
    stacking: { mode: 'none', group: 'A' },
    hideFrom: { legend: false, tooltip: false, viz: false },
    thresholdsStyle: { mode: 'off' },
  },
};

function seriesOf(frames: DataFrame[]): PanelSeries[] {
  const out: PanelSeries[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const values = Array.from(field.values as Array<number | null>);
      const nonNull = values.filter((v) => v !== null && v !== undefined && !Number.isNaN(v));
      out.push({
        name: getFieldDisplayName(field, frame, frames),
        refId: frame.refId,
        times: time ? Array.from(time.values as number[]) : [],
        values,
        last: nonNull.length ? (nonNull[nonNull.length - 1] as number) : null,
      });
    }
  }
  return out;
}

function Panel({ data, range, run }: { data: PanelData; range: TimeRange; run: number }) {
  const theme = config.theme2;
  const frames = useMemo(
    () =>
      applyFieldOverrides({
        // Grafana core fills @grafana/data's field-config registry with the standard options, whose
        // defaults applyFieldOverrides then applies; the host's registry is empty, so the panel's
        // defaults are merged here.
        data: data.series.map((frame) => ({
          ...frame,
          fields: frame.fields.map((f) => ({
            ...f,
            config: {
              ...FIELD_DEFAULTS,
              ...f.config,
              custom: { ...FIELD_DEFAULTS.custom, ...(f.config?.custom ?? {}) },
            },
          })),
        })),
        fieldConfig: { defaults: FIELD_DEFAULTS as any, overrides: [] },
        replaceVariables: (v: string) => v,
        theme,
        timeZone: 'utc',
      }),
    [data.series, theme]
  );
  const series = useMemo(() => seriesOf(frames), [frames]);
  const errors = data.errors ?? (data.error ? [data.error] : []);
  useEffect(() => {
    window.__panel = { run, state: data.state, series, errors };
  }, [run, data.state, series, errors]);
  const errorText = errors.map((e) => (e.refId ? `${e.refId}: ` : '') + (e.message ?? 'error')).join('\n');
  const hasGraph = series.some((s) => s.values.length > 0);
  return (
    <div data-testid="panel" data-state={data.state} data-run={run}>
      <PanelChrome
        title="Gnocchi panel"
        width={1100}
        height={380}
        loadingState={data.state}
        statusMessage={errorText || undefined}
      >
        {(w, h) =>
          hasGraph ? (
            <TimeSeries
              frames={frames}
              width={w}
              height={h}
              timeRange={range}
              timeZone="utc"
              legend={{
                showLegend: true,
                displayMode: LegendDisplayMode.Table,
                placement: 'right',
                calcs: ['lastNotNull'],
              }}
              options={{ tooltip: { mode: TooltipDisplayMode.Multi } }}
            />
          ) : (
            <div data-testid="panel-empty" style={{ padding: 16, opacity: 0.7 }}>
              {data.state === LoadingState.Loading
                ? 'Loading…'
                : errors.length
                  ? 'Query failed (see below)'
                  : 'No data'}
            </div>
          )
        }
      </PanelChrome>
      {errors.length > 0 && (
        <div data-testid="panel-error" style={{ marginTop: 8 }}>
          <Alert severity="error" title="Query error">
            <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{errorText}</pre>
          </Alert>
        </div>
      )}
      <ul data-testid="series-list" className="series-list">
        {series.map((s, i) => (
          <li key={i} data-testid="series" data-name={s.name} data-last={s.last ?? ''} data-count={s.values.length}>
            {s.name}: {s.last ?? 'null'} ({s.values.length} points)
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The page

const templateSrv = new HostTemplateSrv();
const backendSrv = new HostBackendSrv();

interface AppProps {
  plugin: AnyPlugin;
  meta: DataSourcePluginMeta;
  modulePath: string;
  defaults: Defaults;
  onFatal: (kind: string, message: string) => void;
  onReady: () => void;
}

function App({ plugin, meta, modulePath, defaults, onFatal, onReady }: AppProps) {
  // after the first commit: the error boundaries have reported any crash by then
  useEffect(() => onReady(), [onReady]);
  const initial = useMemo(() => {
    // settings and query given in the URL replace the playground defaults (they are not merged)
    const ds = decodeParam<Partial<Settings>>('ds');
    const base = defaultSettings(ds ? {} : defaults);
    const query = decodeParam<Record<string, unknown>>('query') ?? defaults.query ?? {};
    return {
      settings: { ...base, ...ds, jsonData: { ...base.jsonData, ...(ds?.jsonData ?? {}) } } as Settings,
      query: { refId: 'A', ...query } as DataQuery,
      vars: decodeParam<HostVariable[]>('vars') ?? defaults.vars ?? [],
      range: { from: param('from') ?? defaults.from ?? 'now-6h', to: param('to') ?? defaults.to ?? 'now' },
    };
  }, [defaults]);

  const [settings, setSettings] = useState<Settings>(initial.settings);
  const makeInstance = useCallback(
    (s: Settings) => {
      const ds = new plugin.DataSourceClass(toInstanceSettings(s, meta));
      setDataSourceSrv({
        get: async () => ds,
        getList: () => [toInstanceSettings(s, meta)],
        getInstanceSettings: () => toInstanceSettings(s, meta),
        reload: () => {},
        registerRuntimeDataSource: () => {},
      } as any);
      return ds;
    },
    [plugin, meta]
  );
  const [ds, setDs] = useState<DataSourceApi<DataQuery, any>>(() => makeInstance(initial.settings));
  const [testResult, setTestResult] = useState<{ status: string; message: string } | null>(null);
  const [query, setQuery] = useState<DataQuery>(initial.query);
  const [vars, setVars] = useState<HostVariable[]>(initial.vars);
  const [rawRange, setRawRange] = useState(initial.range);
  const [rangeDraft, setRangeDraft] = useState(initial.range);
  const [rangeError, setRangeError] = useState<string>('');
  const [data, setData] = useState<PanelData>({
    state: LoadingState.NotStarted,
    series: [],
    timeRange: toRange(initial.range),
  });
  const [run, setRun] = useState(0);
  const queryRef = useRef(query);
  queryRef.current = query;
  const sub = useRef<Subscription | undefined>(undefined);

  templateSrv.setVariables(vars);

  const range = useMemo(() => {
    try {
      return toRange(rawRange);
    } catch (e) {
      setRangeError((e as Error).message);
      return toRange({ from: 'now-6h', to: 'now' });
    }
  }, [rawRange]);

  const runQuery = useCallback(() => {
    sub.current?.unsubscribe();
    const q = queryRef.current;
    templateSrv.updateTimeRange(range);
    const maxDataPoints = 1000;
    const { interval, intervalMs } = rangeUtil.calculateInterval(range, maxDataPoints);
    const request: DataQueryRequest<DataQuery> = {
      requestId: `Q${Date.now()}`,
      interval,
      intervalMs,
      maxDataPoints,
      range,
      rangeRaw: range.raw,
      scopedVars: {
        __interval: { text: interval, value: interval },
        __interval_ms: { text: String(intervalMs), value: intervalMs },
      },
      // core applies filterQuery before query() (runRequest.ts callQueryMethod)
      targets: [q].filter((t) => ds.filterQuery?.(t) ?? true),
      timezone: 'utc',
      app: CoreApp.Dashboard,
      startTime: Date.now(),
    };
    setRun((n) => n + 1);
    if (request.targets.length === 0) {
      setData({ state: LoadingState.Done, series: [], timeRange: range });
      return;
    }
    setData((d) => ({ ...d, state: LoadingState.Loading, timeRange: range }));
    try {
      sub.current = rxFrom(ds.query(request)).subscribe({
        next: (res) => {
          const errors = res.errors ?? (res.error ? [res.error] : undefined);
          setData({
            state: res.state ?? (errors?.length ? LoadingState.Error : LoadingState.Done),
            series: res.data as DataFrame[],
            errors,
            timeRange: range,
          });
        },
        error: (e) => {
          // runRequest.ts: toDataQueryError
          setData({
            state: LoadingState.Error,
            series: [],
            errors: [{ message: e?.data?.message ?? e?.message ?? String(e) }],
            timeRange: range,
          });
        },
      });
    } catch (e) {
      setData({ state: LoadingState.Error, series: [], errors: [{ message: (e as Error).message }], timeRange: range });
    }
  }, [ds, range]);

  // run on load and whenever the data source instance, variables or time range change
  useEffect(() => {
    runQuery();
  }, [runQuery, vars]);
  useEffect(() => () => sub.current?.unsubscribe(), []);

  const saveAndTest = useCallback(async () => {
    // Grafana: save the settings, reload the instance from the saved settings, then testDatasource()
    const saved: Settings = {
      ...settings,
      version: (settings.version ?? 1) + 1,
      secureJsonFields: {
        ...settings.secureJsonFields,
        ...Object.fromEntries(Object.keys(settings.secureJsonData ?? {}).map((k) => [k, true])),
      },
    };
    setSettings(saved);
    const instance = makeInstance(saved);
    setDs(instance);
    setTestResult({ status: 'testing', message: 'Testing...' });
    try {
      const result = await instance.testDatasource();
      setTestResult({ status: result.status, message: result.message });
    } catch (e: any) {
      // Grafana's parseHealthCheckError
      setTestResult({ status: 'error', message: e?.data?.message ?? e?.message ?? 'Unknown error' });
    }
  }, [settings, makeInstance]);

  useEffect(() => {
    if (param('autotest') === '1') {
      saveAndTest();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { ConfigEditor, QueryEditor } = plugin.components;

  return (
    <div className="host">
      <header>
        <h1>Gnocchi data source — playground</h1>
        <span data-testid="host-status" className="ok">
          {meta.name} {meta.info?.version} loaded from {modulePath} through SystemJS (Grafana {config.buildInfo.version}{' '}
          shared modules)
        </span>
      </header>

      <section data-testid="config-section">
        <h2>Data source settings</h2>
        <div data-testid="config-editor">
          <HostErrorBoundary area="ConfigEditor" onError={onFatal}>
            {ConfigEditor ? (
              <ConfigEditor options={settings} onOptionsChange={setSettings} />
            ) : (
              <em>No ConfigEditor</em>
            )}
          </HostErrorBoundary>
        </div>
        <div className="buttons">
          <Button data-testid="save-test-button" onClick={saveAndTest} aria-label="Save and test">
            Save &amp; test
          </Button>
        </div>
        {testResult && (
          <div data-testid="save-test-result" data-status={testResult.status}>
            <Alert
              severity={
                testResult.status === 'success' ? 'success' : testResult.status === 'testing' ? 'info' : 'error'
              }
              title={testResult.message}
            />
          </div>
        )}
      </section>

      <section data-testid="query-section">
        <h2>Query</h2>
        <div className="toolbar" data-testid="variables-bar">
          {vars.map((v) => (
            <label key={v.name} className="var">
              <span>${v.name}</span>
              <select
                data-testid={`var-${v.name}`}
                multiple={!!v.multi}
                size={v.multi ? Math.min(v.options.length, 4) : undefined}
                value={v.current as any}
                onChange={(e) => {
                  const selected = Array.from(e.currentTarget.selectedOptions).map((o) => o.value);
                  setVars(
                    vars.map((x) => (x.name === v.name ? { ...x, current: v.multi ? selected : selected[0] } : x))
                  );
                }}
              >
                {v.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label className="var">
            <span>From</span>
            <input
              data-testid="time-from"
              value={rangeDraft.from}
              onChange={(e) => setRangeDraft({ ...rangeDraft, from: e.currentTarget.value })}
            />
          </label>
          <label className="var">
            <span>To</span>
            <input
              data-testid="time-to"
              value={rangeDraft.to}
              onChange={(e) => setRangeDraft({ ...rangeDraft, to: e.currentTarget.value })}
            />
          </label>
          <Button
            variant="secondary"
            data-testid="time-apply"
            onClick={() => {
              try {
                toRange(rangeDraft);
                setRangeError('');
                setRawRange(rangeDraft);
              } catch (e) {
                setRangeError((e as Error).message);
              }
            }}
          >
            Apply time range
          </Button>
          {rangeError && <span style={{ color: '#ff5286' }}>{rangeError}</span>}
        </div>
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
                onChange={(q: DataQuery) => {
                  queryRef.current = q;
                  setQuery(q);
                }}
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
    </div>
  );
}

function Fatal({ kind, message }: { kind: string; message: string }) {
  return (
    <div data-testid="host-fatal" data-kind={kind} className="fatal">
      <h2>The playground host could not run the plugin ({kind})</h2>
      <pre>{message}</pre>
    </div>
  );
}

function Shell({ children, fatal }: { children?: ReactNode; fatal?: { kind: string; message: string } }) {
  return (
    <ThemeContext.Provider value={config.theme2}>
      <GlobalStyles />
      {fatal && <Fatal kind={fatal.kind} message={fatal.message} />}
      {children}
    </ThemeContext.Provider>
  );
}

async function main() {
  const root = createRoot(document.getElementById('root')!);
  const modulePath = param('module') ?? '/dist/module.js';
  publish({ status: 'loading', module: modulePath });
  setTemplateSrv(templateSrv);
  setBackendSrv(asBackendSrv(backendSrv));
  window.__hostServices = { backendSrv, templateSrv };

  let fatal: { kind: string; message: string } | undefined;
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
    const defaults: Defaults = await fetch('/playground-defaults.json', { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : {}))
      .catch(() => ({}));
    const plugin = (await loadDataSourcePlugin(modulePath, {
      sourceCheck: param('skipSourceCheck') !== '1',
    })) as AnyPlugin;
    const pluginJsonPath = modulePath.replace(/module\.js$/, 'plugin.json');
    const pluginJson = await fetch(pluginJsonPath)
      .then((r) => (r.ok ? r.json() : {}))
      .catch(() => ({}));
    const baseUrl = modulePath.replace(/\/module\.js$/, '');
    const meta = { ...pluginJson, module: modulePath, baseUrl } as DataSourcePluginMeta;
    plugin.meta = meta;
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
        defaults={defaults}
        onFatal={onFatal}
        onReady={onReady}
      />
    );
    root.render(<Shell>{app}</Shell>);
  } catch (e) {
    const kind = e instanceof PluginLoadError ? e.kind : 'load';
    onFatal(kind, (e as Error)?.message ?? String(e));
  }
}

main();
