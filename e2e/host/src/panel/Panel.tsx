/**
 * The panel: frames through `applyFieldOverrides` into @grafana/ui's TimeSeries (uPlot) with a table
 * legend inside a PanelChrome, as Grafana draws a time-series panel; errors below it; the series as
 * a list (`data-testid="series"`). Publishes `window.__panel` after each commit.
 */
import React, { useEffect, useMemo } from 'react';
import { applyFieldOverrides, DataQueryError, LoadingState, PanelData, TimeRange } from '@grafana/data';
import { config } from '@grafana/runtime';
import { Alert, LegendDisplayMode, PanelChrome, TimeSeries, TooltipDisplayMode } from '@grafana/ui';

import { FIELD_DEFAULTS, seriesOf, withPanelDefaults } from './series';

const NO_ERRORS: DataQueryError[] = [];

export function Panel({ data, range, run }: { data: PanelData; range: TimeRange; run: number }) {
  const theme = config.theme2;
  const frames = useMemo(
    () =>
      applyFieldOverrides({
        // Grafana core fills @grafana/data's field-config registry with the standard options, whose
        // defaults applyFieldOverrides then applies; the host's registry is empty, so the panel's
        // defaults are merged here.
        data: withPanelDefaults(data.series),
        fieldConfig: { defaults: FIELD_DEFAULTS as any, overrides: [] },
        replaceVariables: (v: string) => v,
        theme,
        timeZone: 'utc',
      }),
    [data.series, theme]
  );
  const series = useMemo(() => seriesOf(frames), [frames]);
  const errors = useMemo(() => data.errors ?? (data.error ? [data.error] : NO_ERRORS), [data.errors, data.error]);
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
