import { RES_WEB1 } from './__fixtures__/aggregates';
import type { Series } from './series';
import { defaultSeriesNames, labelVars, renderLabel } from './labels';

describe('renderLabel', () => {
  const vars = { host: 'c1', hostname: 'c1.example', metric: 'cpu', aggregation: 'mean', empty: '' };

  it('replaces every occurrence of both forms', () => {
    expect(renderLabel('$host ${host} $host', vars)).toBe('c1 c1 c1');
  });

  it('matches the longest name, never a prefix', () => {
    expect(renderLabel('$hostname', vars)).toBe('c1.example');
    expect(renderLabel('$hosts', vars)).toBe('$hosts');
    expect(renderLabel('${host}name', vars)).toBe('c1name');
  });

  it('stops bare names at non-word characters', () => {
    expect(renderLabel('$metric.$aggregation-$host:x', vars)).toBe('cpu.mean-c1:x');
  });

  it('leaves unknown placeholders and plain text alone', () => {
    expect(renderLabel('$nope ${nope} ${} $ 100% $', vars)).toBe('$nope ${nope} ${} $ 100% $');
  });

  it('supports empty values and odd braced names', () => {
    expect(renderLabel('[$empty]', vars)).toBe('[]');
    expect(renderLabel('${a.b}', { 'a.b': 'x' })).toBe('x');
  });
});

const resourceSeries = (resource: Record<string, unknown>, metric: string, aggregation = 'mean'): Series => ({
  measures: [],
  labels: { id: String(resource.id), metric, aggregation },
  metric,
  aggregation,
  resource: resource as Series['resource'],
});

describe('labelVars', () => {
  it('merges resource attributes, metric and aggregation', () => {
    const vars = labelVars(resourceSeries(RES_WEB1, 'cpu'));
    expect(vars).toMatchObject({
      display_name: 'web-1',
      host: 'compute-1',
      metric: 'cpu',
      aggregation: 'mean',
      aggregator: 'mean',
      id: RES_WEB1.id,
      resource_id: RES_WEB1.id,
      groupby: '',
    });
    expect(vars).not.toHaveProperty('metrics');
    expect(vars).not.toHaveProperty('ended_at');
  });

  it('gives old-plugin values for an aggregated group series', () => {
    const vars = labelVars({ measures: [], labels: { host: 'c1', az: 'nova' }, group: { host: 'c1', az: 'nova' } });
    expect(vars).toMatchObject({ metric: 'aggregated', aggregation: '', host: 'c1', groupby: 'c1, nova' });
    expect(vars).not.toHaveProperty('id');
  });

  it('uses the metric id in metric-id mode', () => {
    const vars = labelVars({
      measures: [],
      labels: { metric: 'cpu', aggregation: 'max', metric_id: 'm1' },
      metric: 'cpu',
      aggregation: 'max',
    });
    expect(vars.id).toBe('m1');
  });
});

describe('defaultSeriesNames', () => {
  it('uses display_name, original_resource_id or id', () => {
    expect(
      defaultSeriesNames([
        resourceSeries({ id: 'r1', display_name: 'web' }, 'cpu'),
        resourceSeries({ id: 'r2', original_resource_id: 'orig' }, 'cpu'),
        resourceSeries({ id: 'r3' }, 'cpu'),
      ])
    ).toEqual(['web cpu mean', 'orig cpu mean', 'r3 cpu mean']);
  });

  it('names groups key=value', () => {
    const s: Series = { measures: [], labels: {}, group: { project_id: 'p', user_id: null } };
    expect(defaultSeriesNames([s])).toEqual(['project_id=p,user_id=null']);
  });

  it('names an aggregated series "aggregated"', () => {
    expect(defaultSeriesNames([{ measures: [], labels: {} }])).toEqual(['aggregated']);
  });

  it('disambiguates by id, then by counter', () => {
    const names = defaultSeriesNames([
      resourceSeries({ id: 'r1', display_name: 'web' }, 'cpu'),
      resourceSeries({ id: 'r2', display_name: 'web' }, 'cpu'),
      { measures: [], labels: {} },
      { measures: [], labels: {} },
    ]);
    expect(names).toEqual(['web cpu mean (r1)', 'web cpu mean (r2)', 'aggregated', 'aggregated #2']);
  });
});
