/**
 * Resource lifecycle annotations, pure part: the server-side search of each event kind, and the
 * frame Grafana turns into annotation events (fields time, timeEnd, title, text, tags, id).
 *
 * - `created`: a point at `started_at`, for resources with started_at in the range;
 * - `deleted`: a point at `ended_at`, for resources with ended_at in the range (null never matches);
 * - `both`: both points;
 * - `region`: started_at → ended_at (the end of the range while the resource lives), for resources
 *   alive at some time in the range: started_at ≤ to and (ended_at ≥ from or ended_at is null).
 */
import { createDataFrame, DataFrame, FieldType } from '@grafana/data';

import { resourceLabels } from '../gnocchi/attributes';
import { renderLabel } from '../gnocchi/labels';
import { parseGnocchiTimestamp, toGnocchiTime } from '../gnocchi/time';
import type { Clause } from '../query/adhoc';
import type { GnocchiAnnotationQuery, GnocchiResource, LifecycleEvent } from '../types';

export const LIFECYCLE_DEFAULTS = {
  resource_type: 'generic',
  event: 'both' as LifecycleEvent,
  title: '${type} ${event}',
  text: '${original_resource_id}',
};

export interface Range {
  fromMs: number;
  toMs: number;
}

const within = (attr: string, r: Range): Clause => ({
  and: [{ '>=': { [attr]: toGnocchiTime(r.fromMs) } }, { '<=': { [attr]: toGnocchiTime(r.toMs) } }],
});

/** The search clause (run by Gnocchi) of an event kind over a range. */
export function lifecycleClause(event: LifecycleEvent, r: Range): Clause {
  switch (event) {
    case 'created':
      return within('started_at', r);
    case 'deleted':
      return within('ended_at', r);
    case 'region':
      return {
        and: [
          { '<=': { started_at: toGnocchiTime(r.toMs) } },
          { or: [{ '>=': { ended_at: toGnocchiTime(r.fromMs) } }, { '=': { ended_at: null } }] },
        ],
      };
    default:
      return { or: [within('started_at', r), within('ended_at', r)] };
  }
}

/** Comma-separated attribute names (tags). */
export function tagAttributes(tags: string | undefined): string[] {
  return (tags ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
}

/** Attributes the templates and tags read (what to ask Gnocchi for with `attrs`). */
export function neededAttributes(q: GnocchiAnnotationQuery): string[] {
  const names = [q.title || LIFECYCLE_DEFAULTS.title, q.text || LIFECYCLE_DEFAULTS.text].flatMap((t) =>
    [...t.matchAll(/\$\{([^}]*)\}|\$([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? m[2])
  );
  return [
    ...new Set(
      ['id', 'type', 'started_at', 'ended_at', ...names, ...tagAttributes(q.tags)].filter((n) => n !== 'event')
    ),
  ];
}

interface Row {
  time: number;
  timeEnd?: number;
  event: string;
  resource: GnocchiResource;
}

function rowsOf(resources: GnocchiResource[], event: LifecycleEvent, r: Range): Row[] {
  const inRange = (t: number) => Number.isFinite(t) && t >= r.fromMs && t <= r.toMs;
  const rows: Row[] = [];
  for (const resource of resources) {
    const started = parseGnocchiTimestamp(String(resource.started_at ?? ''));
    const ended = resource.ended_at ? parseGnocchiTimestamp(String(resource.ended_at)) : NaN;
    if (event === 'region') {
      if (Number.isFinite(started)) {
        rows.push({ time: started, timeEnd: Number.isFinite(ended) ? ended : r.toMs, event: 'lifetime', resource });
      }
      continue;
    }
    if (event !== 'deleted' && inRange(started)) {
      rows.push({ time: started, event: 'created', resource });
    }
    if (event !== 'created' && inRange(ended)) {
      rows.push({ time: ended, event: 'deleted', resource });
    }
  }
  return rows.sort((a, b) => a.time - b.time);
}

/** Resources → the annotation frame (one row per event, ids `<resource id>/<event>`). */
export function lifecycleFrame(resources: GnocchiResource[], q: GnocchiAnnotationQuery, r: Range): DataFrame {
  const event = q.event ?? LIFECYCLE_DEFAULTS.event;
  const rows = rowsOf(resources, event, r);
  const title = q.title || LIFECYCLE_DEFAULTS.title;
  const text = q.text || LIFECYCLE_DEFAULTS.text;
  const tags = tagAttributes(q.tags);
  const vars = rows.map((row): Record<string, string> => ({ ...resourceLabels(row.resource), event: row.event }));
  const fields = [
    { name: 'time', type: FieldType.time, values: rows.map((row) => row.time) },
    ...(event === 'region' ? [{ name: 'timeEnd', type: FieldType.time, values: rows.map((row) => row.timeEnd) }] : []),
    { name: 'title', type: FieldType.string, values: vars.map((v) => renderLabel(title, v)) },
    { name: 'text', type: FieldType.string, values: vars.map((v) => renderLabel(text, v)) },
    {
      name: 'tags',
      type: FieldType.other,
      values: vars.map((v) => tags.map((t) => v[t]).filter((x): x is string => x !== undefined && x !== '')),
    },
    { name: 'id', type: FieldType.string, values: rows.map((row) => `${row.resource.id}/${row.event}`) },
  ];
  return createDataFrame({ refId: q.refId, name: 'lifecycle', fields });
}
