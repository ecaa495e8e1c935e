import { FieldType } from '@grafana/data';

import type { GnocchiResource } from '../types';
import { lifecycleClause, lifecycleFrame, neededAttributes } from './lifecycle';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const range = { fromMs: T0, toMs: T0 + 6 * H };
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

const res = (id: string, started: number, ended: number | null, extra: Partial<GnocchiResource> = {}) => ({
  id,
  type: 'instance',
  original_resource_id: `orig-${id}`,
  display_name: `vm-${id}`,
  host: 'c1',
  started_at: iso(started),
  ended_at: ended === null ? null : iso(ended),
  ...extra,
});

// a: created before the range, deleted in it; b: created in it, alive; c: created and deleted in it
const RESOURCES = [res('a', T0 - H, T0 + H), res('b', T0 + 2 * H, null), res('c', T0 + 3 * H, T0 + 4 * H)];

function rows(frame: ReturnType<typeof lifecycleFrame>) {
  const get = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
  return get('time').map((t: number, i: number) => ({
    time: (t - T0) / H,
    timeEnd: get('timeEnd').length ? (get('timeEnd')[i] - T0) / H : undefined,
    title: get('title')[i],
    text: get('text')[i],
    tags: get('tags')[i],
    id: get('id')[i],
  }));
}

describe('lifecycle clauses (searched by Gnocchi)', () => {
  const from = '2024-01-01T00:00:00.000Z';
  const to = '2024-01-01T06:00:00.000Z';
  it('created / deleted: the timestamp within the range', () => {
    expect(lifecycleClause('created', range)).toEqual({
      and: [{ '>=': { started_at: from } }, { '<=': { started_at: to } }],
    });
    expect(lifecycleClause('deleted', range)).toEqual({
      and: [{ '>=': { ended_at: from } }, { '<=': { ended_at: to } }],
    });
  });
  it('both: either; region: alive at some time in the range (ended_at null = still alive)', () => {
    expect(lifecycleClause('both', range)).toEqual({
      or: [lifecycleClause('created', range), lifecycleClause('deleted', range)],
    });
    expect(lifecycleClause('region', range)).toEqual({
      and: [{ '<=': { started_at: to } }, { or: [{ '>=': { ended_at: from } }, { '=': { ended_at: null } }] }],
    });
  });
});

describe('lifecycleFrame', () => {
  it('created: points at started_at inside the range, title and text templates, tags from attributes', () => {
    const f = lifecycleFrame(
      RESOURCES,
      { refId: 'Anno', event: 'created', title: '${display_name} $event', text: 'on $host', tags: 'host, type, nope' },
      range
    );
    expect(f.fields.map((x) => [x.name, x.type])).toEqual([
      ['time', FieldType.time],
      ['title', FieldType.string],
      ['text', FieldType.string],
      ['tags', FieldType.other],
      ['id', FieldType.string],
    ]);
    expect(rows(f)).toEqual([
      { time: 2, title: 'vm-b created', text: 'on c1', tags: ['c1', 'instance'], id: 'b/created' },
      { time: 3, title: 'vm-c created', text: 'on c1', tags: ['c1', 'instance'], id: 'c/created' },
    ]);
  });

  it('deleted: points at ended_at inside the range', () => {
    expect(rows(lifecycleFrame(RESOURCES, { refId: 'A', event: 'deleted', title: '$id $event' }, range))).toEqual([
      expect.objectContaining({ time: 1, title: 'a deleted', id: 'a/deleted' }),
      expect.objectContaining({ time: 4, title: 'c deleted', id: 'c/deleted' }),
    ]);
  });

  it('both (the default): every event in time order, distinct ids; default title and text', () => {
    const r = rows(lifecycleFrame(RESOURCES, { refId: 'A' }, range));
    expect(r.map((x) => x.id)).toEqual(['a/deleted', 'b/created', 'c/created', 'c/deleted']);
    expect(r[0]).toMatchObject({ title: 'instance deleted', text: 'orig-a', tags: [] });
  });

  it('region: started_at → ended_at, or the end of the range while alive', () => {
    const r = rows(lifecycleFrame(RESOURCES, { refId: 'A', event: 'region', title: '$display_name' }, range));
    expect(r.map((x) => [x.time, x.timeEnd, x.title, x.id])).toEqual([
      [-1, 1, 'vm-a', 'a/lifetime'],
      [2, 6, 'vm-b', 'b/lifetime'],
      [3, 4, 'vm-c', 'c/lifetime'],
    ]);
  });

  it('asks Gnocchi only for the attributes the templates and tags use', () => {
    expect(neededAttributes({ refId: 'A', title: '${display_name} $event', text: '$host', tags: 'flavor' })).toEqual([
      'id',
      'type',
      'started_at',
      'ended_at',
      'display_name',
      'host',
      'flavor',
    ]);
  });
});
