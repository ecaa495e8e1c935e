import type { Series } from '../gnocchi/series';
import type { GnocchiQuery } from '../types';
import { labelNeedsMetricDocument, seriesNames } from './naming';

const web1 = { id: 'r1', display_name: 'web-1', host: 'c1' };
const web2 = { id: 'r2', display_name: 'web-2', host: 'c2' };
const pts: Series['measures'] = [];
const perResource = (r: typeof web1, metric: string): Series => ({
  measures: pts,
  labels: { id: r.id, display_name: r.display_name, host: r.host, metric, aggregation: 'mean' },
  metric,
  aggregation: 'mean',
  resource: r,
});
const aggregated: Series = { measures: pts, labels: {} };
const byMetricId: Series = {
  measures: pts,
  labels: { metric: 'cpu', aggregation: 'mean', metric_id: 'm-1' },
  metric: 'cpu',
  aggregation: 'mean',
};

const q = (over: Partial<GnocchiQuery>): GnocchiQuery => ({ refId: 'A', ...over });

describe('seriesNames of queries saved by 1.x (no queryVersion)', () => {
  it('no label: resource ids in resource search (also for two metrics of one resource)', () => {
    const s = [perResource(web1, 'cpu'), perResource(web1, 'mem'), perResource(web2, 'cpu')];
    expect(seriesNames(s, q({ queryMode: 'resource_search' }))).toEqual(['r1', 'r1', 'r2']);
    expect(seriesNames([perResource(web1, 'cpu')], q({ queryMode: 'resource' }))).toEqual(['r1']);
  });

  it('no label: "unlabeled" in the aggregating modes, the metric id in metric mode', () => {
    expect(seriesNames([aggregated], q({ queryMode: 'dynamic_aggregates' }))).toEqual(['unlabeled']);
    expect(seriesNames([aggregated, aggregated], q({ queryMode: 'resource_aggregation', groupby: 'host' }))).toEqual([
      'unlabeled',
      'unlabeled',
    ]);
    const m: Series = { measures: pts, labels: { metric: 'x-1', metric_id: 'x-1', aggregation: 'mean' } };
    expect(seriesNames([m], q({ queryMode: 'metric', metric_id: 'x-1' }))).toEqual(['x-1']);
  });

  it('resource aggregation without group by: the label verbatim', () => {
    expect(seriesNames([aggregated], q({ queryMode: 'resource_aggregation', label: '$host cpu' }))).toEqual([
      '$host cpu',
    ]);
  });

  it('dynamic aggregates over metric ids: $metric is the id; with a search, the name', () => {
    expect(seriesNames([byMetricId], q({ queryMode: 'dynamic_aggregates', label: '${metric} $aggregation' }))).toEqual([
      'm-1 mean',
    ]);
    expect(seriesNames([perResource(web1, 'cpu')], q({ queryMode: 'dynamic_aggregates', label: '$metric' }))).toEqual([
      'cpu',
    ]);
  });

  it('aggregated series keep unknown attributes literally, as 1.7.1', () => {
    expect(
      seriesNames(
        [aggregated],
        q({ queryMode: 'dynamic_aggregates', label: '${host} - ${display_name} - $metric - $aggregation' })
      )
    ).toEqual(['${host} - ${display_name} - aggregated - ']);
  });

  it('labels without $ (before 1.3) are literal text', () => {
    expect(seriesNames([perResource(web1, 'cpu')], q({ queryMode: 'resource_search', label: 'display_name' }))).toEqual(
      ['display_name']
    );
  });
});

describe('seriesNames of queries made with this editor (queryVersion 2)', () => {
  it('readable, distinct default names', () => {
    const s = [perResource(web1, 'cpu'), perResource(web1, 'mem')];
    expect(seriesNames(s, q({ queryVersion: 2, queryMode: 'resource_search' }))).toEqual([
      'web-1 cpu mean',
      'web-1 mem mean',
    ]);
    expect(seriesNames([aggregated], q({ queryVersion: 2, queryMode: 'dynamic_aggregates' }))).toEqual(['aggregated']);
    expect(
      seriesNames([byMetricId], q({ queryVersion: 2, queryMode: 'dynamic_aggregates', label: '$metric' }))
    ).toEqual(['cpu']);
  });
});

describe('labelNeedsMetricDocument', () => {
  it.each([
    ['', false],
    ['$aggregation of ${id}', false],
    ['$metric', true],
    ['${host} $type', true],
  ])('%j → %s', (label, needs) => {
    expect(labelNeedsMetricDocument(label)).toBe(needs);
  });
});
