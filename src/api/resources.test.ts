import { recordingClient } from '../__mocks__/client';
import { Handler, response } from '../__mocks__/transport';
import { GENERIC_ATTRIBUTES, LookupApi } from './resources';

function setup(handler: Handler) {
  const r = recordingClient(handler);
  return { ...r, api: new LookupApi(r.client) };
}

describe('LookupApi', () => {
  it('memoizes each look-up: asking twice costs one request', async () => {
    const { api, requests } = setup(() => response(200, [{ name: 'instance' }, { name: 'generic' }]));
    expect(await api.resourceTypes()).toEqual(['generic', 'instance']);
    expect(await api.resourceTypes()).toEqual(['generic', 'instance']);
    expect(requests).toHaveLength(1);
  });

  it('does not cache a failure', async () => {
    const { api, requests } = setup((_, n) => (n === 1 ? response(503, 'down') : response(200, [{ name: 'generic' }])));
    await expect(api.resourceTypes()).rejects.toThrow();
    expect(await api.resourceTypes()).toEqual(['generic']);
    expect(requests).toHaveLength(2);
  });

  it('answers [] without a request when the upstream pick is missing', async () => {
    const { api, requests } = setup(() => response(200, []));
    expect(await api.attributes('')).toEqual([]);
    expect(await api.metricNames(' ')).toEqual([]);
    expect(await api.attributeValues('instance', '')).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it("attributes: the generic ones, then the type's own", async () => {
    const { api, requests } = setup(() =>
      response(200, { name: 'instance', attributes: { host: {}, display_name: {} } })
    );
    expect(await api.attributes('instance')).toEqual([...GENERIC_ATTRIBUTES, 'display_name', 'host']);
    expect(requests[0].url).toBe('http://gnocchi:8041/v1/resource_type/instance');
  });

  it('metric names: one page, only the metrics maps', async () => {
    const { api, requests } = setup(() =>
      response(200, [
        { id: 'a', metrics: { cpu: '1', vcpus: '2' } },
        { id: 'b', metrics: { cpu: '3' } },
      ])
    );
    expect(await api.metricNames('instance')).toEqual(['cpu', 'vcpus']);
    expect(requests[0].url).toBe('http://gnocchi:8041/v1/search/resource/instance?limit=1000&attrs=id&attrs=metrics');
  });

  it('attribute values are searched by Gnocchi with a like pattern, wildcards escaped', async () => {
    const { api, requests } = setup(() =>
      response(200, [
        { id: 'a', host: 'c_1' },
        { id: 'b', host: 'c_1' },
      ])
    );
    expect(await api.attributeValues('instance', 'host', 'c_')).toEqual(['c_1']);
    expect(JSON.parse(String(requests[0].body))).toEqual({ like: { host: 'c\\_%' } });
  });

  it('aggregation methods of every archive policy', async () => {
    const { api } = setup(() =>
      response(200, [
        { name: 'low', aggregation_methods: ['mean', 'max'], definition: [] },
        { name: 'high', aggregation_methods: ['rate:mean', 'mean'], definition: [] },
      ])
    );
    expect(await api.aggregationMethods()).toEqual(['max', 'mean', 'rate:mean']);
  });

  it('a resource type named ".." is refused before any request', async () => {
    const { api, requests } = setup(() => response(200, {}));
    await expect(api.attributes('..')).rejects.toThrow(/not valid/);
    expect(requests).toHaveLength(0);
  });
});
