/**
 * The panel: frames through `applyFieldOverrides` into @grafana/ui's TimeSeries (uPlot) with a table
 * legend inside a PanelChrome, as Grafana draws a time-series panel; errors below it; the series as
 * a list (`data-testid="series"`). Publishes `window.__panel` after each commit (or hands its state
 * to `onPublish`: the dashboard's panels). A dashboard panel has its title, size, a list legend
 * below the graph, and its series list folded.
 */
import React, { useEffect } from 'react';
import { LoadingState, PanelData, TimeRange } from '@grafana/data';
import { Alert, LegendDisplayMode, PanelChrome, TimeSeries, TooltipDisplayMode } from '@grafana/ui';

import { seriesOf } from './series';
import { usePanelFrames } from './usePanelFrames';
import type { PanelState } from '../hostState';

const publishPanel = (state: PanelState) => {
  window.__panel = state;
};

export interface PanelProps {
  data: PanelData;
  range: TimeRange;
  run: number;
  title?: string;
  width?: number;
  height?: number;
  /** dashboard panels: list legend below the graph, series list folded */
  compact?: boolean;
  onPublish?: (state: PanelState) => void;
}

export function Panel({
  data,
  range,
  run,
  title = 'Gnocchi panel',
  width = 1100,
  height = 380,
  compact = false,
  onPublish = publishPanel,
}: PanelProps) {
  const { frames, series, errors } = usePanelFrames(data);
  useEffect(() => {
    onPublish({ run, state: data.state, series, errors });
  }, [onPublish, run, data.state, series, errors]);

  const errorText = errors.map((e) => (e.refId ? `${e.refId}: ` : '') + (e.message ?? 'error')).join('\n');
  const hasGraph = series.some((s) => s.values.length > 0);
  return (
    <div data-testid="panel" data-state={data.state} data-run={run} data-title={title}>
      <PanelChrome
        title={title}
        width={width}
        height={height}
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
              legend={
                compact
                  ? { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] }
                  : {
                      showLegend: true,
                      displayMode: LegendDisplayMode.Table,
                      placement: 'right',
                      calcs: ['lastNotNull'],
                    }
              }
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
      {compact ? (
        <details className="series-list">
          <summary>{series.length} series</summary>
          <SeriesList series={series} />
        </details>
      ) : (
        <SeriesList series={series} />
      )}
    </div>
  );
}

function SeriesList({ series }: { series: ReturnType<typeof seriesOf> }) {
  return (
    <ul data-testid="series-list" className="series-list">
      {series.map((s, i) => (
        <li key={i} data-testid="series" data-name={s.name} data-last={s.last ?? ''} data-count={s.values.length}>
          {s.name}: {s.last ?? 'null'} ({s.values.length} points)
        </li>
      ))}
    </ul>
  );
}
