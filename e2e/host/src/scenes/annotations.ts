/**
 * Annotation events of a panel's `data.annotations` frames (pure): what the time-series panel draws
 * (Grafana core's timeseries panel reads the same fields: time, timeEnd, title, text, tags, color).
 */
import { DataFrame, FieldType } from '@grafana/data';

export interface PanelAnnotation {
  time: number;
  timeEnd?: number;
  title: string;
  text: string;
  tags: string[];
  color: string;
}

export function annotationEvents(frames: DataFrame[] | undefined): PanelAnnotation[] {
  const out: PanelAnnotation[] = [];
  for (const frame of frames ?? []) {
    const field = (name: string) => frame.fields.find((f) => f.name === name);
    const time = field('time') ?? frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    const timeEnd = field('timeEnd');
    const title = field('title');
    const text = field('text');
    const tags = field('tags');
    const color = field('color');
    for (let i = 0; i < frame.length; i++) {
      const t = Number(time.values[i]);
      if (!Number.isFinite(t)) {
        continue;
      }
      const end = timeEnd ? Number(timeEnd.values[i]) : NaN;
      const tagValue = tags?.values[i];
      out.push({
        time: t,
        ...(Number.isFinite(end) && end !== t ? { timeEnd: end } : {}),
        title: String(title?.values[i] ?? ''),
        text: String(text?.values[i] ?? ''),
        tags: Array.isArray(tagValue)
          ? tagValue.map(String)
          : typeof tagValue === 'string' && tagValue
            ? tagValue.split(',')
            : [],
        color: String(color?.values[i] ?? '#ff9830'),
      });
    }
  }
  return out.sort((a, b) => a.time - b.time);
}
