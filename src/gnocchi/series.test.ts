import {
  RES_WEB1,
  RES_WEB2,
  METRIC_CPU,
  SHAPE_A,
  SHAPE_B,
  SHAPE_C,
  SHAPE_D_AGGREGATED,
  SHAPE_D_SEARCH,
} from './__fixtures__/aggregates';
import { aggregatesToSeries, measuresOf } from './series';

describe('measuresOf', () => {
  it('returns the list of triples', () => {
    const body = [['2024-01-01T10:00:00+00:00', 60.0, 1]];
    expect(measuresOf(body)).toBe(body);
  });
  it('rejects anything else', () => {
    expect(() => measuresOf({ measures: [] })).toThrow(/expected a list/);
  });
});

describe('aggregatesToSeries', () => {
  it('A: one aggregated series without metric or aggregation', () => {
    const series = aggregatesToSeries(SHAPE_A);
    expect(series).toHaveLength(1);
    expect(series[0].metric).toBeUndefined();
    expect(series[0].aggregation).toBeUndefined();
    expect(series[0].labels).toEqual({});
    expect(series[0].measures).toHaveLength(3);
  });

  it('B: metric-id mode, names from references, sorted', () => {
    const series = aggregatesToSeries(SHAPE_B);
    expect(series.map((s) => [s.metric, s.aggregation])).toEqual([
      ['cpu', 'max'],
      ['cpu', 'mean'],
      ['memory.usage', 'mean'],
    ]);
    expect(series[0].labels).toEqual({
      metric: 'cpu',
      aggregation: 'max',
      metric_id: METRIC_CPU.id,
      resource_id: RES_WEB1.id,
    });
    expect(series[0].unit).toBe('ns');
  });

  it('B without references: the metric id is the name', () => {
    const series = aggregatesToSeries({ measures: SHAPE_B.measures });
    expect(series.map((s) => s.metric)).toEqual([METRIC_CPU.id, METRIC_CPU.id, SHAPE_B.references[0].id]);
  });

  it('C: search mode, resource attributes as labels', () => {
    const series = aggregatesToSeries(SHAPE_C);
    expect(series.map((s) => `${s.labels.display_name}/${s.metric}/${s.aggregation}`)).toEqual([
      'web-1/cpu/mean',
      'web-1/memory.usage/mean',
      'web-2/cpu/mean',
      'web-2/memory.usage/mean',
    ]);
    const labels = series[0].labels;
    expect(labels).toMatchObject({
      id: RES_WEB1.id,
      original_resource_id: RES_WEB1.id,
      type: 'instance',
      project_id: RES_WEB1.project_id,
      user_id: RES_WEB1.user_id,
      display_name: 'web-1',
      host: 'compute-1',
      flavor_id: '2',
      metric: 'cpu',
      aggregation: 'mean',
    });
    expect(labels).not.toHaveProperty('metrics');
    expect(labels).not.toHaveProperty('ended_at');
    expect(labels).not.toHaveProperty('image_ref');
    expect(series[0].resource).toBe(RES_WEB1);
    expect(series[1].measures).toEqual([]);
  });

  it('C without references: the resource id', () => {
    const series = aggregatesToSeries({ measures: SHAPE_C.measures });
    expect(series[0].labels).toEqual({ id: RES_WEB2.id, metric: 'cpu', aggregation: 'mean' }); // sorted by id
    expect(series[0].resource).toEqual({ id: RES_WEB2.id });
  });

  it('D: groupby with aggregated bodies', () => {
    const series = aggregatesToSeries(SHAPE_D_AGGREGATED, { groupby: ['host'] });
    expect(series.map((s) => s.labels)).toEqual([{ host: 'compute-1' }, { host: 'compute-2' }]);
    expect(series.map((s) => s.group)).toEqual([{ host: 'compute-1' }, { host: 'compute-2' }]);
  });

  it('D: groupby with search bodies, group keys ordered as groupby, null as "null"', () => {
    const series = aggregatesToSeries(SHAPE_D_SEARCH, { groupby: ['project_id', 'user_id'] });
    expect(series).toHaveLength(3);
    expect(Object.keys(series[0].labels).slice(0, 2)).toEqual(['project_id', 'user_id']);
    expect(series.map((s) => s.labels.display_name ?? s.labels.id)).toEqual([
      'web-1',
      'web-2',
      'a0a0a0a0-0000-4000-8000-000000000003',
    ]);
    expect(series[2].labels).toMatchObject({ project_id: 'p2', user_id: 'null', metric: 'cpu' });
  });

  it('handles empty bodies and rejects garbage', () => {
    expect(aggregatesToSeries({ measures: {} })).toEqual([]);
    expect(aggregatesToSeries([])).toEqual([]);
    expect(() => aggregatesToSeries('x')).toThrow(/Unexpected response/);
    expect(() => aggregatesToSeries({ foo: 1 })).toThrow(/no "measures"/);
    expect(() => aggregatesToSeries([{ group: {} }])).toThrow(/invalid group entry/);
  });
});
