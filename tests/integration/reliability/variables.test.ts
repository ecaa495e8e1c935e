/**
 * Reliability catalogue, theme "variables and injection": saved JSON searches with quoted
 * variables (`{"=": {"host": "$host"}}`, the old plugin's form) work against the real Gnocchi as
 * the same quoting does in string filters, and hostile variable values (quotes, backslashes,
 * `"}`, JSON fragments) never change the search Gnocchi receives, so they never widen it.
 * Every case: the resources matched (or the error), the body Gnocchi received, settled within a
 * deadline, no secret shown.
 */
import type { DataFrame, DataQueryResponse, DataSourceInstanceSettings } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { fakeTemplateSrv } from '../../../src/__mocks__/templateSrv';
import { DataSource } from '../../../src/datasource';
import { fetchTransport, HttpRequest, Transport } from '../../../src/http/transport';
import type { GnocchiOptions, GnocchiQuery } from '../../../src/types';
import { loadSeed, Seed } from '../seed';
import { expectNoSecret, panelRequest, settles, shown } from './standin';

let seed: Seed;
beforeAll(() => {
  seed = loadSeed();
});

function dataSource(vars: Record<string, string | string[]>) {
  const sent: HttpRequest[] = [];
  const tokens: string[] = [];
  const transport: Transport = async (req) => {
    sent.push(req);
    const res = await fetchTransport(req);
    const t = res.header('X-Subject-Token');
    if (t) {
      tokens.push(t);
    }
    return res;
  };
  const jsonData: GnocchiOptions = {
    mode: 'keystone',
    username: 'grafana',
    password: seed.users.grafana.password,
    project: 'grafana-demo',
  };
  const settings = {
    id: 9,
    uid: 'reliability-variables',
    type: 'gnocchixyz-gnocchi-datasource',
    name: 'Gnocchi',
    access: 'direct',
    url: `${seed.urls.keystone}/v3`,
    jsonData,
    meta: {} as DataSourceInstanceSettings['meta'],
    readOnly: false,
  } as DataSourceInstanceSettings<GnocchiOptions>;
  const ds = new DataSource(settings, { transport, templateSrv: fakeTemplateSrv(vars) });
  /** The searches Gnocchi received (parsed): a search body, or the `search` of an aggregates body. */
  const searches = (): unknown[] =>
    sent
      .filter((r) => r.service === 'Gnocchi' && r.method === 'POST')
      .map((r) => (/\/v1\/aggregates/.test(r.url) ? JSON.parse(r.body!).search : JSON.parse(r.body!)));
  return { ds, sent, tokens, searches };
}

const search = (resource_search: string): GnocchiQuery => ({
  refId: 'A',
  queryVersion: 2,
  queryMode: 'resource_search',
  resource_type: 'demo_instance',
  resource_search,
  metric_name: 'memory.usage',
});

async function run(vars: Record<string, string | string[]>, q: GnocchiQuery) {
  const h = dataSource(vars);
  const end = seed.measures.end_unix * 1000;
  const out = await settles(lastValueFrom(h.ds.query(panelRequest([q], end - 3_600_000, end))), 20_000);
  const res = out.value as DataQueryResponse;
  expectNoSecret(shown(res), [seed.users.grafana.password, ...h.tokens]);
  const hosts = (res.data as DataFrame[]).map((f) => f.fields[1]?.labels?.host);
  return { res, hosts, ...h };
}

/** The seed's demo_instance resources of the grafana-demo project on these hosts. */
const expectedOn = (...hosts: string[]) =>
  Object.values(seed.resources).filter(
    (r) => r.type === 'demo_instance' && r.project === 'grafana-demo' && hosts.includes(r.host as string)
  ).length;

describe('quoted variables in JSON searches (the old plugin form)', () => {
  it.each<[string, Record<string, string | string[]>, string, string[]]>([
    ['single value', { host: 'compute-1' }, '{"=": {"host": "$host"}}', ['compute-1']],
    ['${host} syntax', { host: 'compute-2' }, '{"=": {"host": "${host}"}}', ['compute-2']],
    ['[[host]] syntax', { host: 'compute-3' }, '{"=": {"host": "[[host]]"}}', ['compute-3']],
    ['multi-value with one selected', { host: ['compute-4'] }, '{"=": {"host": "$host"}}', ['compute-4']],
    [
      'multi-value under in',
      { hosts: ['compute-1', 'compute-3'] },
      '{"in": {"host": "$hosts"}}',
      ['compute-1', 'compute-3'],
    ],
    [
      'spliced into an in-list',
      { hosts: ['compute-1', 'compute-3'] },
      '{"in": {"host": ["compute-2", "$hosts"]}}',
      ['compute-1', 'compute-2', 'compute-3'],
    ],
    ['inside a longer string (like)', { n: '2' }, '{"like": {"host": "compute-$n%"}}', ['compute-2']],
    [
      'nested in and/not',
      { host: 'compute-1', hosts: ['compute-1', 'compute-2'] },
      '{"and": [{"in": {"host": "$hosts"}}, {"not": {"=": {"host": "$host"}}}]}',
      ['compute-2'],
    ],
  ])('%s', async (_n, vars, text, hosts) => {
    const { res, hosts: got, searches } = await run(vars, search(text));
    expect(res.errors).toBeUndefined();
    expect(new Set(got)).toEqual(new Set(hosts));
    expect(got).toHaveLength(expectedOn(...hosts));
    expect(searches().length).toBeGreaterThan(0);
  });

  it('several values where a comparison takes one: an error naming the variable, nothing sent to Gnocchi', async () => {
    const { res, sent } = await run({ hosts: ['compute-1', 'compute-2'] }, search('{"=": {"host": "$hosts"}}'));
    expect(res.errors?.[0].message).toBe(
      'Variable $hosts: 2 values (compute-1, compute-2) where the JSON search takes one string (for several, {"in": {"host": "$var"}})'
    );
    expect(sent.filter((r) => r.service === 'Gnocchi')).toHaveLength(0);
  });

  it('a variable query (resources) with a quoted JSON search', async () => {
    const h = dataSource({ host: 'compute-4' });
    const out = await settles(
      h.ds.metricFindQuery('resources(demo_instance, ${display_name}, id, {"=": {"host": "$host"}})'),
      20_000
    );
    const ids = Object.values(seed.resources)
      .filter((r) => r.type === 'demo_instance' && r.project === 'grafana-demo' && r.host === 'compute-4')
      .map((r) => r.id);
    expect(new Set(out.value!.map((v) => v.value))).toEqual(new Set(ids));
    expect(h.searches()).toEqual([{ '=': { host: 'compute-4' } }]);
  });
});

// Values an attacker (or an unlucky dashboard) puts in a variable to break out of the JSON string.
const HOSTILE: string[] = [
  '"}',
  'compute-1"}}, {"!=": {"host": "x',
  'compute-1\\',
  'compute-1\\"}, "or": [{}], "x": "',
  'compute-1", "host": "compute-2',
  '{"!=": {"host": "x"}}',
  '["compute-1", "compute-2"]',
  "x' or host != 'x",
  'compute-1\\u0022',
  'compute-1\n',
];

describe('hostile values never widen a JSON search', () => {
  it.each(HOSTILE)(
    '%j as "$host" in an = comparison: nothing matches, Gnocchi got the value as one string',
    async (v) => {
      const { res, hosts, searches } = await run({ host: v }, search('{"and": [{"=": {"host": "$host"}}]}'));
      expect(res.errors).toBeUndefined();
      expect(hosts).toEqual([]);
      expect(searches()).toContainEqual({ and: [{ '=': { host: v } }] });
    }
  );

  it.each(HOSTILE)('%j beside compute-2 in "$hosts" under in: exactly compute-2', async (v) => {
    const { res, hosts, searches } = await run({ hosts: [v, 'compute-2'] }, search('{"in": {"host": "$hosts"}}'));
    expect(res.errors).toBeUndefined();
    expect(new Set(hosts)).toEqual(new Set(['compute-2']));
    expect(hosts).toHaveLength(expectedOn('compute-2'));
    expect(searches()).toContainEqual({ in: { host: [v, 'compute-2'] } });
  });
});
