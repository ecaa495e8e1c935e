/**
 * The time-series panel the host registers at runtime for VizPanel (`registerRuntimePanelPlugin`,
 * id `timeseries`): core's panels are not on npm. Frames through the panel's field defaults into
 * @grafana/ui's TimeSeries (uPlot) with a list legend, annotations drawn as Grafana's panel draws
 * them (a dashed line per event, a shaded band per region, a marker under the plot with the
 * event's title and text), and the series below, folded. Each render publishes the panel's state
 * to `window.__dashboard` (its index in `options.hostIndex`).
 */
import React, { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { LoadingState, PanelPlugin, PanelProps } from '@grafana/data';
import { LegendDisplayMode, TimeSeries, TooltipDisplayMode } from '@grafana/ui';

import { publishDashboardPanel } from '../hostState';
import { usePanelFrames } from '../panel/usePanelFrames';
import { annotationEvents, PanelAnnotation } from './annotations';

export interface HostPanelOptions {
  /** the panel's place in the dashboard (window.__dashboard.panels[hostIndex]) */
  hostIndex?: number;
  /** its raw (saved) title */
  hostTitle?: string;
  dashboardTitle?: string;
}

// stable props: GraphNG rebuilds the plot when they change
const LEGEND = { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom' as const, calcs: [] };
const OPTIONS = { tooltip: { mode: TooltipDisplayMode.Multi } };

/** Lines and bands on the plot's canvas, from uPlot's draw hook. */
function drawAnnotations(u: any, events: PanelAnnotation[]) {
  const ctx: CanvasRenderingContext2D = u.ctx;
  const { top, height } = u.bbox;
  ctx.save();
  for (const e of events) {
    const x0 = u.valToPos(e.time, 'x', true);
    ctx.strokeStyle = e.color;
    ctx.fillStyle = e.color;
    if (e.timeEnd !== undefined) {
      const x1 = u.valToPos(e.timeEnd, 'x', true);
      ctx.globalAlpha = 0.15;
      ctx.fillRect(x0, top, x1 - x0, height);
      ctx.globalAlpha = 1;
    }
    ctx.setLineDash([4, 4]);
    ctx.lineWidth = devicePixelRatio;
    ctx.beginPath();
    ctx.moveTo(x0, top);
    ctx.lineTo(x0, top + height);
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * A marker per event at the bottom of the plot area (uPlot's `over` element), with its title and
 * text, placed from the draw hook (no React state: a resize must not re-render the panel).
 */
function placeMarkers(u: any, events: PanelAnnotation[]) {
  const over: HTMLElement | undefined = u.over;
  if (!over) {
    return;
  }
  let layer = over.querySelector<HTMLElement>(':scope > .host-annotation-markers');
  if (!layer) {
    layer = document.createElement('div');
    layer.className = 'host-annotation-markers';
    over.appendChild(layer);
  }
  layer.replaceChildren(
    ...events.flatMap((e) => {
      const x = u.valToPos(e.time, 'x');
      if (!Number.isFinite(x) || x < 0 || x > over.clientWidth) {
        return [];
      }
      const m = document.createElement('div');
      m.dataset.testid = 'annotation-marker';
      m.setAttribute('data-testid', 'annotation-marker');
      m.dataset.title = e.title;
      m.dataset.text = e.text;
      m.dataset.time = String(e.time);
      m.title = `${e.title}\n${e.text}${e.tags.length ? `\n${e.tags.join(', ')}` : ''}`;
      Object.assign(m.style, {
        position: 'absolute',
        left: `${x - 5}px`,
        bottom: '0px',
        width: '0px',
        height: '0px',
        borderLeft: '5px solid transparent',
        borderRight: '5px solid transparent',
        borderBottom: `8px solid ${e.color}`,
        zIndex: '1',
      });
      return [m];
    })
  );
}

/** Hooks the events into the plot (before uPlot is created, as core's AnnotationsPlugin2 does). */
function AnnotationsPlugin({ builder, events }: { builder: any; events: PanelAnnotation[] }) {
  const latest = useRef(events);
  const plot = useRef<any>(undefined);
  latest.current = events;
  useLayoutEffect(() => {
    builder.addHook('init', (u: any) => {
      plot.current = u;
    });
    builder.addHook('draw', (u: any) => {
      drawAnnotations(u, latest.current);
      placeMarkers(u, latest.current);
    });
  }, [builder]);
  // new events on the same plot: draw again
  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [events]);
  return null;
}

export function TimeSeriesPanel({ data, width, height, timeRange, options, title }: PanelProps<HostPanelOptions>) {
  const { frames, series, errors } = usePanelFrames(data);
  const events = useMemo(() => annotationEvents(data.annotations), [data.annotations]);

  // runs: one per finished request (Done or Error), as the playground's own panels count them
  const runs = useRef({ id: undefined as string | undefined, n: 0 });
  const requestId = data.request?.requestId;
  if (data.state !== LoadingState.Loading && requestId && runs.current.id !== requestId) {
    runs.current = { id: requestId, n: runs.current.n + 1 };
  }
  const run = runs.current.n;
  useEffect(() => {
    if (options.hostIndex === undefined) {
      return;
    }
    publishDashboardPanel(options.dashboardTitle ?? '', options.hostIndex, {
      title: options.hostTitle ?? title,
      run,
      state: data.state,
      series,
      errors,
      annotations: events.map((e) => ({
        time: e.time,
        timeEnd: e.timeEnd,
        title: e.title,
        text: e.text,
        tags: e.tags,
      })),
    });
  }, [options, title, run, data.state, series, errors, events]);

  const hasGraph = series.some((s) => s.values.length > 0);
  return (
    <div data-testid="scene-panel" data-title={options.hostTitle ?? title} data-state={data.state} data-run={run}>
      {hasGraph ? (
        <>
          <TimeSeries
            frames={frames}
            width={width}
            height={Math.max(height - 24, 60)}
            timeRange={timeRange}
            timeZone="utc"
            legend={LEGEND}
            options={OPTIONS}
          >
            {(builder: any) => <AnnotationsPlugin builder={builder} events={events} />}
          </TimeSeries>
        </>
      ) : (
        <div data-testid="panel-empty" style={{ padding: 16, opacity: 0.7 }}>
          {data.state === LoadingState.Loading ? 'Loading…' : errors.length ? 'Query failed' : 'No data'}
        </div>
      )}
      <details className="series-list">
        <summary>{series.length} series</summary>
        <ul data-testid="series-list">
          {series.map((s, i) => (
            <li key={i} data-testid="series" data-name={s.name} data-last={s.last ?? ''} data-count={s.values.length}>
              {s.name}: {s.last ?? 'null'} ({s.values.length} points)
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

export const timeSeriesPanelPlugin = () => new PanelPlugin<HostPanelOptions>(TimeSeriesPanel);
