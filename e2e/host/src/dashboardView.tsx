/**
 * Dashboard mode (`dashboard` URL parameter): the dashboard's title, its variables and time range in
 * the toolbar (`variables-bar`), and every panel with targets in layout order, each a Panel with its
 * own query runs (`data-testid="dashboard-panel"`, `window.__dashboard`). Panels run on load and
 * whenever the data source instance, a variable's value or the time range change. Query variables
 * get their options from the data source on load, as Grafana refreshes them; the saved values stay
 * selected.
 */
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TimeRange } from '@grafana/data';

import type { DashboardModel, DashboardPanel as PanelModel, VariableQuery } from './dashboard';
import { publishDashboardPanel, PanelState } from './hostState';
import { Panel } from './panel/Panel';
import type { AnyDataSource } from './services';
import { RawRange, resolveRange } from './timeRange';
import { usePanelData } from './usePanelData';
import { VariablesBar } from './variables';
import type { HostTemplateSrv, HostVariable } from '../../../src/testing/grafanaTemplateSrv';

/** The dashboard's width in pixels (the page is at most 1200 px wide, 24 px padding each side). */
export const DASHBOARD_WIDTH = 1152;
const GAP = 8;

interface DashboardPanelProps {
  panel: PanelModel;
  index: number;
  dashboardTitle: string;
  ds: AnyDataSource;
  range: TimeRange;
  /** the variables' values (changes of their options alone do not re-run the panels) */
  values: string;
  templateSrv: HostTemplateSrv;
}

function DashboardPanel({ panel, index, dashboardTitle, ds, range, values, templateSrv }: DashboardPanelProps) {
  const { data, run, runQueries } = usePanelData(ds, range, templateSrv);
  useEffect(() => {
    runQueries(panel.targets);
  }, [runQueries, panel.targets, values]);

  const onPublish = useCallback(
    (state: PanelState) => publishDashboardPanel(dashboardTitle, index, { ...state, title: panel.title }),
    [dashboardTitle, index, panel.title]
  );
  const width = Math.floor(panel.width * DASHBOARD_WIDTH) - GAP;
  // Grafana interpolates the variables of a panel's title (templateSrv holds `values`)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const title = useMemo(() => templateSrv.replace(panel.title), [templateSrv, panel.title, values]);
  return (
    <div data-testid="dashboard-panel" data-title={panel.title} style={{ width }}>
      <Panel
        data={data}
        range={range}
        run={run}
        title={title}
        width={width}
        height={panel.height}
        compact
        onPublish={onPublish}
      />
    </div>
  );
}

const asList = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/**
 * Each query variable's options from `metricFindQuery`, in order (a query may use the variables
 * before it); the current value(s) stay among them. Returns the failures, one line per variable,
 * once every variable was refreshed (undefined until then).
 */
function useVariableOptions(
  ds: AnyDataSource,
  queries: VariableQuery[],
  range: TimeRange,
  current: React.MutableRefObject<HostVariable[]>,
  onVarsChange: (vars: HostVariable[]) => void
): string[] | undefined {
  const [errors, setErrors] = useState<string[] | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    setErrors(undefined);
    if (!ds.metricFindQuery) {
      setErrors([]);
      return;
    }
    const refresh = async () => {
      const failed: string[] = [];
      for (const { name, query } of queries) {
        try {
          const found = await ds.metricFindQuery!(query, { range, scopedVars: {}, variable: { name } });
          if (cancelled) {
            return;
          }
          const options = found.map((f) => String(f.value ?? f.text));
          onVarsChange(
            current.current.map((v) =>
              v.name === name ? { ...v, options: [...new Set([...options, ...asList(v.current)])] } : v
            )
          );
        } catch (e) {
          failed.push(`$${name}: ${(e as { message?: string })?.message ?? String(e)}`);
        }
      }
      if (!cancelled) {
        setErrors(failed);
      }
    };
    refresh();
    return () => {
      cancelled = true;
    };
    // on load and with a new data source instance (Grafana's refresh "on dashboard load")
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ds, queries]);
  return errors;
}

interface DashboardViewProps {
  dashboard: DashboardModel;
  ds: AnyDataSource;
  /** already in `templateSrv` */
  initialVars: HostVariable[];
  initialRange: RawRange;
  templateSrv: HostTemplateSrv;
}

export function DashboardView({ dashboard, ds, initialVars, initialRange, templateSrv }: DashboardViewProps) {
  const [vars, setVars] = useState(initialVars);
  const latestVars = useRef(initialVars);
  const onVarsChange = useCallback(
    (next: HostVariable[]) => {
      latestVars.current = next;
      templateSrv.setVariables(next);
      setVars(next);
    },
    [templateSrv]
  );
  const values = useMemo(() => JSON.stringify(vars.map((v) => [v.name, v.current])), [vars]);
  const [rawRange, setRawRange] = useState(initialRange);
  const { range, error: rangeError } = useMemo(() => resolveRange(rawRange), [rawRange]);
  const variableErrors = useVariableOptions(ds, dashboard.queries, range, latestVars, onVarsChange);

  return (
    <section
      data-testid="dashboard"
      data-title={dashboard.title}
      data-variables={variableErrors ? 'refreshed' : 'refreshing'}
    >
      <h2>{dashboard.title}</h2>
      <VariablesBar
        vars={vars}
        onVarsChange={onVarsChange}
        range={rawRange}
        rangeError={rangeError}
        onRangeApply={setRawRange}
      />
      {!!variableErrors?.length && (
        <pre data-testid="variables-error" style={{ color: '#ff5286', whiteSpace: 'pre-wrap' }}>
          {variableErrors.join('\n')}
        </pre>
      )}
      {dashboard.panels.length === 0 && (
        <em data-testid="dashboard-empty">This dashboard has no panel with queries.</em>
      )}
      <div className="dashboard-grid">
        {dashboard.panels.map((panel, i) => (
          <React.Fragment key={i}>
            {panel.row !== undefined && panel.row !== dashboard.panels[i - 1]?.row && (
              <h3 className="dashboard-row" data-testid="dashboard-row">
                {templateSrv.replace(panel.row)}
              </h3>
            )}
            <DashboardPanel
              panel={panel}
              index={i}
              dashboardTitle={dashboard.title}
              ds={ds}
              range={range}
              values={values}
              templateSrv={templateSrv}
            />
          </React.Fragment>
        ))}
      </div>
    </section>
  );
}
