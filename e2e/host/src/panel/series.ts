/**
 * The panel's frames (pure): the time-series panel's field defaults, as Grafana core's field-config
 * registry would apply them, and the series the page reports (`window.__panel`, the series list).
 */
import { DataFrame, FieldColorModeId, FieldType, getFieldDisplayName } from '@grafana/data';

export interface PanelSeries {
  name: string;
  refId?: string;
  times: number[];
  values: Array<number | null>;
  last: number | null;
}

export const FIELD_DEFAULTS = {
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

/** Each field's config over the panel defaults (the field's own `custom` keys win). */
export function withPanelDefaults(frames: DataFrame[]): DataFrame[] {
  return frames.map((frame) => ({
    ...frame,
    fields: frame.fields.map((f) => ({
      ...f,
      config: {
        ...FIELD_DEFAULTS,
        ...f.config,
        custom: { ...FIELD_DEFAULTS.custom, ...(f.config?.custom ?? {}) },
      },
    })),
  }));
}

/** One series per number field: its display name, times, values and last non-null value. */
export function seriesOf(frames: DataFrame[]): PanelSeries[] {
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
