import { recordingClient } from '../__mocks__/client';
import { Handler, response } from '../__mocks__/transport';
import { LookupApi } from './resources';

function setup(handler: Handler) {
  const r = recordingClient(handler);
  return { ...r, api: new LookupApi(r.client) };
}

const LOW = { name: 'low', aggregation_methods: ['mean'], definition: [{ granularity: '0:05:00' }] };
const HIGH = { name: 'high', aggregation_methods: ['mean'], definition: [{ granularity: '0:00:01' }] };

describe('LookupApi: archive policies for the granularity a panel asks for', () => {
  it('metricPolicyById: the metric listing filtered by id, memoized', async () => {
    const { api, requests } = setup(() => response(200, [{ id: 'm', name: 'cpu', archive_policy: LOW }]));
    expect(await api.metricPolicyById('5b1a1f0e-0000-4000-8000-000000000001')).toEqual(LOW);
    expect(await api.metricPolicyById('5b1a1f0e-0000-4000-8000-000000000001')).toEqual(LOW);
    expect(requests.map((r) => r.url)).toEqual([
      'http://gnocchi:8041/v1/metric?id=5b1a1f0e-0000-4000-8000-000000000001&limit=1',
    ]);
    await expect(api.metricPolicyById('..')).rejects.toThrow();
  });

  it('resourceMetricPolicies: every metric of one resource, which then answers metricPolicy without a request', async () => {
    const { api, requests } = setup(() =>
      response(200, [
        { id: '1', name: 'cpu', archive_policy: LOW },
        { id: '2', name: 'memory', archive_policy: HIGH },
      ])
    );
    expect(api.knowsMetricPolicy('cpu')).toBe(false);
    expect(await api.resourceMetricPolicies('instance', 'r-1')).toEqual({ cpu: LOW, memory: HIGH });
    expect(requests.map((r) => r.url)).toEqual(['http://gnocchi:8041/v1/resource/instance/r-1/metric']);
    expect(api.knowsMetricPolicy('cpu')).toBe(true);
    expect(await api.metricPolicy('memory')).toEqual(HIGH);
    expect(requests).toHaveLength(1);
  });
});
