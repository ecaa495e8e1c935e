import type { GnocchiQuery } from '../types';
import { migrateQuery, noneFoundIsUnset, queryModeOfSavedQuery, staleFieldsRemoved } from './query';

describe('migrateQuery', () => {
  it('returns the same object when nothing changes', () => {
    const q: GnocchiQuery = { refId: 'A', queryMode: 'metric', metric_id: 'x', aggregator: 'max' };
    expect(migrateQuery(q)).toBe(q);
  });

  it('gives a 1.x target without queryMode the 1.x default mode, without mutating it', () => {
    const q = Object.freeze({ refId: 'A', metric_name: 'cpu_util' }) as GnocchiQuery;
    expect(queryModeOfSavedQuery(q)).toEqual({ refId: 'A', metric_name: 'cpu_util', queryMode: 'resource_search' });
    expect(q).toEqual({ refId: 'A', metric_name: 'cpu_util' });
  });

  it('treats an unknown mode as the 1.x default', () => {
    expect(migrateQuery({ refId: 'A', queryMode: 'resource_groupby' as never }).queryMode).toBe('resource_search');
  });

  it('unsets the "none found" placeholder that 1.x saved as a value', () => {
    const q = Object.freeze({ refId: 'A', queryMode: 'resource', metric_name: 'none found', aggregator: 'none found' });
    expect(noneFoundIsUnset(q as GnocchiQuery)).toEqual({ refId: 'A', queryMode: 'resource' });
    const kept: GnocchiQuery = { refId: 'A', metric_name: 'cpu' };
    expect(noneFoundIsUnset(kept)).toBe(kept);
  });

  it('adds no zero fill and no other default (blank fields keep their run-time meaning)', () => {
    const out = migrateQuery({ refId: 'A', queryMode: 'resource_search', metric_name: 'cpu' });
    expect(out).toEqual({ refId: 'A', queryMode: 'resource_search', metric_name: 'cpu' });
  });

  it('removes what 1.x targets carry that means nothing today, need_overlap not promoted', () => {
    const saved = {
      refId: 'A',
      queryMode: 'resource_aggregation',
      metric_name: 'cpu',
      need_overlap: 50,
      transform: 'absolute:resample(60)',
      validQuery: true,
      queryError: null,
      ready_metric: true,
      dsType: 'influxdb',
      groupBy: [{ type: 'time', params: ['$__interval'] }],
      select: [[{ type: 'field', params: ['value'] }]],
      policy: 'default',
      resultFormat: 'time_series',
      orderByTime: 'ASC',
      tags: [],
      datasource: { type: 'gnocchixyz-gnocchi-datasource', uid: 'x' },
    } as unknown as GnocchiQuery;
    expect(staleFieldsRemoved(saved)).toEqual({
      refId: 'A',
      queryMode: 'resource_aggregation',
      metric_name: 'cpu',
      datasource: { type: 'gnocchixyz-gnocchi-datasource', uid: 'x' },
    });
    const clean: GnocchiQuery = { refId: 'A', granularity: '' };
    expect(staleFieldsRemoved(clean)).toBe(clean);
  });
});
