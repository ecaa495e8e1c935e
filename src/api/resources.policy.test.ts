import { recordingClient } from '../__mocks__/client';
import { Handler, response } from '../__mocks__/transport';
import { LookupApi } from './resources';

function setup(handler: Handler) {
  const r = recordingClient(handler);
  return { ...r, api: new LookupApi(r.client) };
}

const POLICY = { name: 'low', aggregation_methods: ['mean', 'rate:mean'], definition: [{ granularity: 300 }] };

describe('LookupApi: look-ups of the query builder', () => {
  it('metricPolicy: the archive policy of one metric of that name, memoized', async () => {
    const { api, requests } = setup(() => response(200, [{ id: 'm', name: 'cpu', archive_policy: POLICY }]));
    expect(await api.metricPolicy('cpu')).toEqual(POLICY);
    expect(await api.metricPolicy('cpu')).toEqual(POLICY);
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('http://gnocchi:8041/v1/metric?name=cpu&limit=1');
    expect(await api.metricPolicy(' ')).toBeUndefined();
    expect(requests).toHaveLength(1);
  });

  it('metricPolicy: by name from the archive policies when the metric does not embed it', async () => {
    const { api } = setup((r) =>
      response(200, r.url.includes('archive_policy') ? [POLICY] : [{ id: 'm', archive_policy_name: 'low' }])
    );
    expect(await api.metricPolicy('cpu')).toEqual(POLICY);
  });

  it('matchingMetricNames: the string filter as a parameter, no body', async () => {
    const { api, requests } = setup(() => response(200, [{ id: 'a', metrics: { cpu: '1', vcpus: '2' } }]));
    expect(await api.matchingMetricNames('instance', "flavor_name = 'm1.small'")).toEqual(['cpu', 'vcpus']);
    expect(requests[0].url).toBe(
      'http://gnocchi:8041/v1/search/resource/instance?limit=1000&attrs=id&attrs=metrics&filter=' +
        encodeURIComponent("flavor_name = 'm1.small'")
    );
    expect(requests[0].body).toBeUndefined();
    await api.matchingMetricNames('instance', '');
    expect(requests[1].url).toBe('http://gnocchi:8041/v1/search/resource/instance?limit=1000&attrs=id&attrs=metrics');
  });
});
