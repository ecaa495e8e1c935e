import type { GnocchiQuery } from '../types';
import { queryDisplayText } from './displayText';

describe('queryDisplayText', () => {
  it.each([
    [
      {
        queryMode: 'dynamic_aggregates',
        resource_type: 'instance',
        operations: `(aggregate mean
  (metric cpu rate:mean))`,
        resource_search: "flavor_name = 'm1.small'",
        groupby: 'host',
      },
      "Dynamic aggregates: instance · (aggregate mean (metric cpu rate:mean)) · where flavor_name = 'm1.small' · by host",
    ],
    [
      { queryMode: 'resource_search', resource_type: 'instance', metric_name: 'cpu_util', aggregator: 'max' },
      'Resource search: instance · cpu_util max',
    ],
    [
      {
        queryMode: 'resource_aggregation',
        metric_name: 'memory.usage',
        reaggregator: 'sum',
        groupby: 'flavor_name',
        granularity: '300',
      },
      'Resource search (aggregated): generic · memory.usage mean → sum · by flavor_name · every 300 s',
    ],
    [
      { queryMode: 'resource', resource_type: 'instance', resource_id: 'vm-1', metric_name: 'cpu' },
      'Resource ID and metric name: instance vm-1 · cpu mean',
    ],
    [{ queryMode: 'metric', metric_id: 'abc', aggregator: 'min' }, 'Metric ID: metric abc · min'],
    [{ queryMode: 'dynamic_aggregates' }, 'Dynamic aggregates: generic · (no operations)'],
    // a query saved by 1.x (no mode): a resource search
    [
      { metric_name: 'cpu_util', resource_search: '{"=": {"host": "a"}}' },
      'Resource search: generic · cpu_util mean · where {"=": {"host": "a"}}',
    ],
  ] as Array<[Partial<GnocchiQuery>, string]>)('%j', (q, text) => {
    expect(queryDisplayText({ refId: 'A', ...q })).toBe(text);
  });
});
