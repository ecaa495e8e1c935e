import { createDatasource, dataQueryRequest, runRequest } from '../__mocks__/datasource';
import { recorder, response, tokenResponse } from '../__mocks__/transport';
import type { GnocchiQuery } from '../types';
import { searchAttributeValues, tagKeys, tagValues, TagLookups } from './adhocTags';

function lookups(): TagLookups & { calls: string[] } {
  const calls: string[] = [];
  const attrs: Record<string, string[]> = {
    generic: ['id', 'project_id', 'metrics', 'started_at'],
    instance: ['id', 'project_id', 'host', 'flavor'],
    host: ['id', 'project_id', 'rack'],
  };
  return {
    calls,
    resourceTypes: async () => Object.keys(attrs),
    attributes: async (t: string) => {
      calls.push(`attributes:${t}`);
      return attrs[t] ?? [];
    },
    attributeValues: async (t: string, a: string) => {
      calls.push(`values:${t}:${a}`);
      return [`${t}-${a}-1`, 'shared'];
    },
  };
}

const query = (resource_type?: string, extra: Partial<GnocchiQuery> = {}): GnocchiQuery => ({
  refId: 'A',
  queryMode: 'resource_search',
  resource_type,
  ...extra,
});

describe('ad hoc keys and values', () => {
  it("keys: the attributes of the queries' resource types (blank = generic; variables resolved)", async () => {
    const l = lookups();
    const keys = await tagKeys(l, [query('$t'), query(''), query('x', { hide: true })], (t) =>
      t.replace('$t', 'instance')
    );
    expect(keys.map((k) => k.text)).toEqual(['flavor', 'host', 'id', 'project_id', 'started_at']);
    expect(l.calls).toEqual(['attributes:instance', 'attributes:generic']);
  });

  it('keys without queries: every resource type', async () => {
    expect((await tagKeys(lookups(), undefined)).map((k) => k.text)).toContain('rack');
  });

  it('values: of the types that have the attribute, from Gnocchi, distinct and sorted', async () => {
    const l = lookups();
    const values = await tagValues(l, 'host', [query('instance'), query('host')]);
    expect(values.map((v) => v.text)).toEqual(['instance-host-1', 'shared']);
    expect(l.calls.filter((c) => c.startsWith('values'))).toEqual(['values:instance:host']);
  });
});

describe('ad hoc filters through the data source', () => {
  function setup() {
    const r = recorder((req) => (req.service === 'Keystone' ? tokenResponse() : response(200, [])));
    return { ...r, ds: createDatasource({ transport: r.transport }) };
  }

  it('request.filters narrow the search of every panel query', async () => {
    const { ds, requests } = setup();
    const request = {
      ...dataQueryRequest([
        {
          refId: 'A',
          queryMode: 'resource_aggregation',
          resource_type: 'instance',
          metric_name: 'cpu',
          resource_search: "flavor = 'm1'",
        },
      ] as GnocchiQuery[]),
      filters: [{ key: 'host', operator: '=|', value: 'a', values: ['a', "b'c"] }],
    };
    await runRequest(ds, request);
    const sent = requests.find((r) => r.service === 'Gnocchi')!;
    expect(decodeURIComponent(sent.url) + (sent.body ?? '')).toContain(`flavor = 'm1' and host in ['a', "b'c"]`);
  });

  it('a filter Gnocchi cannot express is the panel error, and nothing is sent', async () => {
    const { ds, requests } = setup();
    const request = {
      ...dataQueryRequest([{ refId: 'A', queryMode: 'resource_aggregation', resource_type: 'i', metric_name: 'cpu' }]),
      filters: [{ key: 'host', operator: '=~', value: 'c.*' }],
    };
    const res = await runRequest(ds, request);
    expect(res.errors?.[0]).toMatchObject({ refId: 'A', message: expect.stringMatching(/no operator =~/) });
    expect(requests.filter((r) => r.service === 'Gnocchi')).toHaveLength(0);
  });

  it('Explore: filter for / out a table cell value; other actions leave the query', () => {
    const { ds } = setup();
    const q: GnocchiQuery = { refId: 'A', queryMode: 'resource_search', resource_search: '' };
    expect(ds.modifyQuery(q, { type: 'ADD_FILTER', options: { key: 'host', value: 'c1' } }).resource_search).toBe(
      '{"=":{"host":"c1"}}'
    );
    expect(ds.modifyQuery(q, { type: 'ADD_FILTER_OUT', options: { key: 'host', value: 'c1' } }).resource_search).toBe(
      '{"!=":{"host":"c1"}}'
    );
    expect(ds.modifyQuery(q, { type: 'ADD_STRING_FILTER', options: { value: 'x' } })).toBe(q);
    expect(ds.getSupportedQueryModifications()).toEqual(['ADD_FILTER', 'ADD_FILTER_OUT']);
  });
});

describe('values narrowed by the other filters', () => {
  it('searched by Gnocchi with the other filters on attributes the type has (every page)', async () => {
    const r = recorder((req) =>
      response(200, req.url.includes('marker=') ? [] : [{ id: '1', host: 'c2' }, { id: '2', host: 'c1' }, { id: '3' }])
    );
    const ds = createDatasource({
      transport: r.transport,
      jsonData: { mode: 'noauth', endpoint: 'http://gnocchi:8041' },
    });
    const lookups = { ...ds.lookups, attributes: async () => ['id', 'host', 'flavor'] } as never;
    const search = (t: string, k: string, s: string) => searchAttributeValues(ds.client, t, k, s);
    const filters = [
      { key: 'flavor', operator: '=', value: "m1'x" },
      { key: 'host', operator: '=', value: 'c9' },
      { key: 'rack', operator: '=', value: 'r1' },
    ];
    const values = await tagValues(lookups, 'host', [query('instance')], undefined, filters, search);
    expect(values.map((v) => v.text)).toEqual(['c1', 'c2']);
    expect(r.requests).toHaveLength(1);
    expect(JSON.parse(r.requests[0].body ?? '')).toEqual({ '=': { flavor: "m1'x" } });
    expect(decodeURIComponent(r.requests[0].url)).toContain('/v1/search/resource/instance?attrs=id&attrs=host');
  });
});
