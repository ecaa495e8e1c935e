/**
 * The data source against the real Keystone + Gnocchi: every query mode with values from the
 * seed, requests per panel, one Keystone request for 20 concurrent panels, RBAC, errors, and
 * that a variable value cannot widen a search.
 */
import { DataFrame, DataQueryRequest, DataQueryResponse, dateTime, FieldType } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import type { DataSource } from '../../src/datasource';
import { fetchTransport } from '../../src/http/transport';
import { isPolicyLookup } from '../../src/query/granularityPlan';
import type { GnocchiOptions, GnocchiQuery } from '../../src/types';
import { recorder } from '../../src/__mocks__/transport';
import { loadSeed, Seed, seedValue } from './seed';
import { passwordSettings, stackDataSource } from './stackDataSource';

let seed: Seed;
beforeAll(() => {
  seed = loadSeed();
});

/** The plugin on this stack as the grafana user, recording every request it sends. */
function dataSource(
  jsonData: Partial<GnocchiOptions> = {},
  vars: Record<string, string | string[]> = {},
  url?: string
) {
  const r = recorder((req) => fetchTransport(req));
  const ds = stackDataSource(seed, {
    jsonData: { ...passwordSettings(seed), ...jsonData },
    vars,
    url,
    transport: r.transport,
  });
  // Gnocchi: the panels' own requests; the archive-policy look-ups (once per metric name per instance,
  // shared by the dashboard) are counted apart
  const count = (service: 'Gnocchi' | 'Keystone') =>
    service === 'Gnocchi'
      ? r.requests.filter((q) => q.service === service && !isPolicyLookup(q)).length
      : r.count(service);
  const lookups = () => r.requests.filter((q) => q.service === 'Gnocchi' && isPolicyLookup(q)).length;
  return { ds, sent: r.requests, count, lookups };
}

function request(
  targets: GnocchiQuery[],
  fromMs: number,
  toMs: number,
  intervalMs = 60_000
): DataQueryRequest<GnocchiQuery> {
  const from = dateTime(fromMs);
  const to = dateTime(toMs);
  return {
    requestId: 'test',
    interval: '1m',
    intervalMs,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  } as DataQueryRequest<GnocchiQuery>;
}

async function run(ds: DataSource, targets: GnocchiQuery[], fromMs?: number, toMs?: number, intervalMs?: number) {
  const end = seed.measures.end_unix * 1000;
  const res: DataQueryResponse = await lastValueFrom(
    ds.query(request(targets, fromMs ?? end - 3 * 3_600_000, toMs ?? end + 1, intervalMs))
  );
  return res;
}

function points(frame: DataFrame): Array<[number, number]> {
  const time = frame.fields.find((f) => f.type === FieldType.time)!;
  const value = frame.fields.find((f) => f.type === FieldType.number)!;
  return time.values.map((t: number, i: number) => [t, value.values[i]]);
}

const vms = () => Object.entries(seed.resources).filter(([name]) => name.startsWith('vm-'));

describe('query modes against the real stack', () => {
  it('dynamic_aggregates with groupby: one request, one series per host, mean of the seeded formula', async () => {
    const { ds, count } = dataSource();
    const res = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'dynamic_aggregates',
        resource_type: 'demo_instance',
        operations: '(aggregate mean (metric cpu_util mean))',
        groupby: 'host',
        label: 'cpu of ${host}',
      },
    ]);
    expect(res.errors).toBeUndefined();
    expect(count('Gnocchi')).toBe(1);
    expect(res.data.map((f: DataFrame) => f.name)).toEqual([
      'cpu of compute-1',
      'cpu of compute-2',
      'cpu of compute-3',
      'cpu of compute-4',
    ]);
    const frame = res.data[1] as DataFrame;
    expect(frame.refId).toBe('A');
    expect(frame.fields[1].labels).toMatchObject({ host: 'compute-2' });
    const members = vms()
      .filter(([, r]) => r.host === 'compute-2')
      .map(([, r]) => r.index);
    const pts = points(frame);
    expect(pts.length).toBeGreaterThan(30);
    for (const [t, v] of pts.slice(0, 20)) {
      const expected = members.reduce((s, i) => s + seedValue('cpu_util', i, t / 1000), 0) / members.length;
      expect(v).toBeCloseTo(expected, 6);
    }
  });

  it('resource_search with a metric regex: at most 2 requests for every resource and metric', async () => {
    const { ds, count } = dataSource();
    const res = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource_search',
        resource_type: 'demo_instance',
        resource_search: "display_name like 'web-%'",
        metric_name: 'cpu_util|memory',
        aggregator: 'mean',
        label: '${display_name} $metric',
        draw_missing_datapoint_as_zero: false,
      },
    ]);
    expect(res.errors).toBeUndefined();
    const web = vms().filter(([, r]) => String(r.display_name).startsWith('web-'));
    expect(web.length).toBeGreaterThan(1);
    expect(res.data).toHaveLength(web.length * 2);
    expect(count('Gnocchi')).toBeLessThanOrEqual(2);
    const [name, vm] = web[0];
    const frame = (res.data as DataFrame[]).find((f) => f.name === `${vm.display_name} memory.usage`)!;
    expect(frame).toBeDefined();
    expect(frame.fields[1].labels).toMatchObject({
      original_resource_id: name,
      metric: 'memory.usage',
      aggregation: 'mean',
      host: vm.host,
    });
    expect(new Set(points(frame).map(([, v]) => v))).toEqual(new Set([seedValue('memory.usage', vm.index, 0)]));
  });

  it('resource_search with a plain metric name: a single request', async () => {
    const { ds, count } = dataSource();
    const res = await run(ds, [
      { refId: 'A', queryVersion: 2, queryMode: 'resource_search', resource_type: 'demo_host', metric_name: 'load' },
    ]);
    expect(count('Gnocchi')).toBe(1);
    expect(res.data).toHaveLength(4);
    // default names are distinct
    expect(new Set(res.data.map((f: DataFrame) => f.name)).size).toBe(4);
  });

  it('resource_aggregation: max per flavor on the current /v1/aggregates API', async () => {
    const { ds, count, sent } = dataSource();
    const res = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource_aggregation',
        resource_type: 'demo_instance',
        metric_name: 'cpu_util',
        aggregator: 'mean',
        reaggregator: 'max',
        groupby: 'flavor',
        label: '$flavor',
      },
    ]);
    expect(res.errors).toBeUndefined();
    expect(count('Gnocchi')).toBe(1);
    expect(sent.find((r) => r.service === 'Gnocchi' && !isPolicyLookup(r))!.url).toContain('/v1/aggregates');
    const flavors = [...new Set(vms().map(([, r]) => String(r.flavor)))].sort();
    expect(res.data.map((f: DataFrame) => f.name)).toEqual(flavors);
    const members = vms()
      .filter(([, r]) => r.flavor === flavors[0])
      .map(([, r]) => r.index);
    for (const [t, v] of points(res.data[0]).slice(0, 10)) {
      expect(v).toBeCloseTo(Math.max(...members.map((i) => seedValue('cpu_util', i, t / 1000))), 6);
    }
  });

  it('resource: resource id + metric name, labelled with the resource attributes', async () => {
    const { ds, count } = dataSource();
    const vm = seed.resources['vm-001'];
    const res = await run(ds, [
      {
        refId: 'B',
        queryVersion: 2,
        queryMode: 'resource',
        resource_type: 'demo_instance',
        resource_id: 'vm-001',
        metric_name: 'cpu_util',
        label: '${display_name} on $host',
        draw_missing_datapoint_as_zero: true,
      },
    ]);
    expect(res.errors).toBeUndefined();
    expect(count('Gnocchi')).toBe(1);
    expect(res.data).toHaveLength(1);
    expect(res.data[0].name).toBe(`${vm.display_name} on ${vm.host}`);
    // draw_missing_datapoint_as_zero (as the 1.x editor saved it): the 60 s buckets between the
    // seed's 5-minute points are zeros
    const pts = points(res.data[0]);
    expect(pts.length).toBeGreaterThan(100);
    for (const [t, v] of pts.slice(0, 40)) {
      expect(v).toBeCloseTo(t % 300_000 === 0 ? seedValue('cpu_util', vm.index, t / 1000) : 0, 6);
    }
  });

  it('metric: a metric id, as a member (Gnocchi 4.4 refuses /v1/aggregates by id to members)', async () => {
    const { ds, count } = dataSource();
    const from = Date.UTC(2024, 0, 1);
    const hourly = await run(
      ds,
      [{ refId: 'A', queryVersion: 2, queryMode: 'metric', metric_id: seed.fixed.metric_id, granularity: '3600' }],
      from,
      from + 3_600_000
    );
    expect(hourly.errors).toBeUndefined();
    expect(points(hourly.data[0])).toEqual([[from, 5.5]]);
    const minutes = await run(
      ds,
      [
        {
          refId: 'A',
          queryVersion: 2,
          queryMode: 'metric',
          metric_id: seed.fixed.metric_id,
          draw_missing_datapoint_as_zero: false,
        },
      ],
      from,
      from + 600_000
    );
    expect(points(minutes.data[0]).map(([, v]) => v)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(count('Keystone')).toBe(1);
  });

  it('several panels of one dashboard: 20 concurrent queries cause exactly 1 Keystone request', async () => {
    const { ds, count, lookups } = dataSource();
    const target: GnocchiQuery = {
      refId: 'A',
      queryVersion: 2,
      queryMode: 'resource_search',
      resource_type: 'demo_host',
      metric_name: 'load',
    };
    const all = await Promise.all(Array.from({ length: 20 }, () => run(ds, [target])));
    expect(all.every((r) => r.data.length === 4)).toBe(true);
    expect(count('Keystone')).toBe(1);
    expect(count('Gnocchi')).toBe(20);
    expect(lookups()).toBe(1); // the policy of `load`, shared by the 20 panels
  });

  it('a range longer than the finest archive: hourly points where the 60 s archive has none, then 60 s points, no duplicate', async () => {
    const { ds } = dataSource();
    const start = seed.measures.start_unix * 1000;
    const end = seed.measures.end_unix * 1000;
    const res = await run(
      ds,
      [
        {
          refId: 'A',
          queryVersion: 2,
          queryMode: 'resource',
          resource_type: 'demo_instance',
          resource_id: 'vm-001',
          metric_name: 'memory.usage',
        },
      ],
      start,
      end + 1
    );
    expect(res.errors).toBeUndefined();
    const t = points(res.data[0]).map(([time]) => time);
    for (let i = 1; i < t.length; i++) {
      expect(t[i]).toBeGreaterThan(t[i - 1]);
    }
    // demo-policy keeps 60 s points for 1 day: the first ~2 h of the 26 h come from the hourly archive
    const hourly = t.filter((x, i) => i + 1 < t.length && t[i + 1] - x === 3_600_000);
    expect(hourly.length).toBeGreaterThanOrEqual(1);
    expect(t[0]).toBeLessThan(end - 24 * 3_600_000);
    expect(t[t.length - 1] - t[t.length - 2]).toBe(300_000);
    expect(points(res.data[0]).every(([, v]) => v === 1024)).toBe(true);
  });

  it('a search that matches no metric is an empty result with a notice naming the metric, not an error', async () => {
    const { ds } = dataSource();
    const res = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'dynamic_aggregates',
        resource_type: 'demo_instance',
        operations: '(metric no_such_metric mean)',
      },
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveLength(1);
    expect(res.data[0].fields).toEqual([]);
    expect(res.data[0].meta.notices).toEqual([
      expect.objectContaining({ severity: 'warning', text: expect.stringContaining('no_such_metric') }),
    ]);
    expect(res.data[0].meta.executedQueryString).toMatch(/^POST \/v1\/aggregates\?details=true&start=/);
  });
});

describe('auth modes against the real stack', () => {
  it('Save & test with a Keystone password', async () => {
    const { ds } = dataSource();
    const r = await ds.testDatasource();
    expect(r).toMatchObject({ status: 'success' });
    expect(r.message).toMatch(
      /Keystone authentication OK\. Gnocchi 4\.4\.\d+ at http:\/\/127\.0\.0\.1:\d+: \d+ resource types\./
    );
  });

  it('Save & test and a query with an application credential (by id, and by name + user)', async () => {
    const ac = seed.application_credential;
    for (const jsonData of [
      { mode: 'application_credential' as const, appCredentialId: ac.id, appCredentialSecret: ac.secret },
      {
        mode: 'application_credential' as const,
        appCredentialName: ac.name,
        username: 'grafana',
        appCredentialSecret: ac.secret,
      },
    ]) {
      const { ds } = dataSource({ ...jsonData, password: undefined, project: undefined }, {}, seed.urls.keystone);
      expect(await ds.testDatasource()).toMatchObject({ status: 'success' });
      const res = await run(ds, [
        { refId: 'A', queryVersion: 2, queryMode: 'resource_search', resource_type: 'demo_host', metric_name: 'load' },
      ]);
      expect(res.data).toHaveLength(4);
    }
  });

  it('a static token', async () => {
    const { ds: ks } = dataSource();
    await ks.testDatasource();
    const token = (ks.client as any).tokens.current.token as string;
    const { ds } = dataSource({ mode: 'token', token }, {}, seed.urls.gnocchi);
    expect(await ds.testDatasource()).toMatchObject({ status: 'success' });
  });

  it('the other project sees none of the demo resources through the data source', async () => {
    const { ds } = dataSource({ username: 'other', password: 'other-secret', project: 'other-demo' });
    const res = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource_search',
        resource_type: 'demo_instance',
        metric_name: 'cpu_util',
      },
    ]);
    expect(res.data).toHaveLength(3);
    for (const f of res.data as DataFrame[]) {
      expect(f.fields[1].labels?.host).toBe('compute-9');
    }
  });
});

describe('templating against the real stack', () => {
  it('a multi-value variable becomes an `in` list of quoted values', async () => {
    const { ds } = dataSource({}, { hosts: ['compute-1', 'compute-3'] });
    const res = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'dynamic_aggregates',
        resource_type: 'demo_instance',
        resource_search: 'host in $hosts',
        operations: '(aggregate mean (metric cpu_util mean))',
        groupby: 'host',
      },
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data.map((f: DataFrame) => f.fields[1].labels?.host)).toEqual(['compute-1', 'compute-3']);
  });

  it('a value containing quotes and `or` cannot widen the search', async () => {
    const { ds } = dataSource(
      {},
      { hosts: ["compute-1' or host != 'x", 'compute-2'], host: "compute-1' or host != 'x" }
    );
    const multi = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource_search',
        resource_type: 'demo_instance',
        resource_search: 'host in $hosts',
        metric_name: 'memory.usage',
      },
    ]);
    expect(multi.errors).toBeUndefined();
    const hosts = new Set((multi.data as DataFrame[]).map((f) => f.fields[1].labels?.host));
    expect(hosts).toEqual(new Set(['compute-2']));
    const single = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource_search',
        resource_type: 'demo_instance',
        resource_search: 'host = $host',
        metric_name: 'memory.usage',
      },
    ]);
    expect(single.errors).toBeUndefined();
    expect((single.data as DataFrame[]).every((f) => f.length === 0)).toBe(true);
  });

  it('a variable inside a longer quoted literal is rendered in it, and a hostile value never leaves it', async () => {
    const { ds } = dataSource({}, { kind: 'web', evil: "web' or display_name like '" });
    const ok = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource_search',
        resource_type: 'demo_instance',
        resource_search: "display_name like '$kind-%' and host = 'compute-1'",
        metric_name: 'memory.usage',
      },
    ]);
    expect(ok.errors).toBeUndefined();
    const names = (ok.data as DataFrame[]).map((f) => String(f.fields[1].labels?.display_name));
    const expected = vms()
      .filter(([, r]) => r.host === 'compute-1' && String(r.display_name).startsWith('web-'))
      .map(([, r]) => String(r.display_name));
    expect(names.sort()).toEqual(expected.sort());
    const hostile = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource_search',
        resource_type: 'demo_instance',
        resource_search: "display_name like '$evil%'",
        metric_name: 'memory.usage',
      },
    ]);
    expect(hostile.errors).toBeUndefined();
    expect((hostile.data as DataFrame[]).every((f) => f.length === 0)).toBe(true);
  });

  it('a single-value field given several values is a clear error naming the field', async () => {
    const { ds, sent } = dataSource({}, { vm: ['vm-001', 'vm-002'] });
    const res = await run(ds, [
      {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource',
        resource_type: 'demo_instance',
        resource_id: '$vm',
        metric_name: 'cpu_util',
      },
    ]);
    expect(res.errors?.[0].message).toBe(
      'The field "resource_id" takes one value, but a variable gives it 2 (vm-001, vm-002)'
    );
    expect(sent).toHaveLength(0);
  });
});

describe('errors a user can cause, as readable messages', () => {
  it.each([
    [
      {
        queryMode: 'dynamic_aggregates',
        resource_type: 'demo_instance',
        operations: '(aggregate mean (metric cpu_util mean)',
      },
      /^Gnocchi 400 Bad Request: Invalid operations: Fail to parse the operations string: .*\(POST http:\/\/127\.0\.0\.1:\d+\/v1\/aggregates\?details=true/,
    ],
    [
      { queryVersion: 2, queryMode: 'resource_search', resource_type: 'no_such_type', metric_name: 'cpu_util' },
      /^Gnocchi 400 Bad Request: Resource type does not exist: no_such_type/,
    ],
    [
      {
        queryMode: 'resource_search',
        resource_type: 'demo_instance',
        resource_search: '{"=": ',
        metric_name: 'cpu_util',
      },
      /^Invalid JSON in resource search: /,
    ],
    [
      {
        queryMode: 'resource_search',
        resource_type: 'demo_instance',
        resource_search: "host == 'a'",
        metric_name: 'cpu.*',
      },
      /^Gnocchi 400 Bad Request: .*filter.*\(POST http:\/\/127\.0\.0\.1:\d+\/v1\/search\/resource\/demo_instance/i,
    ],
  ] as Array<[Partial<GnocchiQuery>, RegExp]>)('%j', async (fields, expected) => {
    const { ds } = dataSource();
    const res = await run(ds, [{ refId: 'A', ...fields }]);
    expect(res.data).toEqual([]);
    expect(res.errors?.[0].refId).toBe('A');
    expect(res.errors?.[0].message).toMatch(expected);
  });

  it('a wrong password', async () => {
    const { ds } = dataSource({ password: 'Not-The-Pass-9x' });
    const r = await ds.testDatasource();
    expect(r).toMatchObject({
      status: 'error',
      message: `Keystone 401 Unauthorized: The request you have made requires authentication. Check the user, password or application credential, and the project. (POST ${seed.urls.keystone}/v3/auth/tokens)`,
    });
    // Save & test's diagnosis tells a wrong password from a refused project
    expect(r.details?.message).toMatch(/^Wrong password, unknown user or disabled user/);
    expect(JSON.stringify(r)).not.toContain('Not-The-Pass-9x');
  });

  it('a wrong URL (nothing listening) ends quickly with the URL and the CORS hint', async () => {
    const { ds } = dataSource({}, {}, 'http://127.0.0.1:1/v3');
    const r = await ds.testDatasource();
    expect(r.status).toBe('error');
    expect(r.message).toMatch(
      /^The browser could not reach Keystone at http:\/\/127\.0\.0\.1:1\/v3\/auth\/tokens .*CORS/
    );
  });

  it('a project the user is not a member of', async () => {
    const { ds } = dataSource({ project: 'other-demo' });
    expect((await ds.testDatasource()).message).toMatch(/^Keystone 401/);
  });
});

describe('template variable queries against the real stack', () => {
  it('resources(type, display, value, search) with a multi-value variable in the search', async () => {
    const { ds } = dataSource({}, { hosts: ['compute-1', 'compute-2'] });
    const values = await ds.metricFindQuery(
      "resources(demo_instance, ${display_name}@$host, id, host in $hosts and flavor = 'm1.large')"
    );
    const expected = vms().filter(
      ([, r]) => ['compute-1', 'compute-2'].includes(String(r.host)) && r.flavor === 'm1.large'
    );
    expect(values.map((v) => v.value).sort()).toEqual(expected.map(([, r]) => r.id).sort());
    expect(values.map((v) => v.text).sort()).toEqual(expected.map(([, r]) => `${r.display_name}@${r.host}`).sort());
  });

  it('a dotted value attribute gives metric ids; metrics(id) lists metric names', async () => {
    const { ds } = dataSource();
    const [one] = await ds.metricFindQuery(
      "resources(demo_instance, $display_name, metrics.cpu_util, original_resource_id = 'vm-001')"
    );
    expect(one).toEqual({
      text: seed.resources['vm-001'].display_name,
      value: seed.resources['vm-001'].metrics.cpu_util,
    });
    const names = await ds.metricFindQuery(`metrics(${seed.resources['vm-001'].id})`);
    expect(names.map((n) => n.text)).toEqual(['cpu_util', 'memory.usage']);
  });

  it('legacy two/three-argument forms', async () => {
    const { ds } = dataSource();
    const hosts = await ds.metricFindQuery('resources(demo_host, name)');
    expect(hosts.map((h) => h.value)).toEqual(
      expect.arrayContaining(['compute-1', 'compute-2', 'compute-3', 'compute-4'])
    );
    expect(hosts).toHaveLength(4);
  });
});

describe('token lifecycle against the real stack', () => {
  it('a token Gnocchi rejects (401) is renewed once, transparently', async () => {
    const { ds, count } = dataSource();
    await ds.testDatasource();
    expect(count('Keystone')).toBe(1);
    // as if the token had expired or been revoked: Gnocchi's keystonemiddleware answers 401
    (ds.client as any).tokens.current.token = 'gAAAAAB-not-a-valid-token';
    const res = await run(ds, [
      { refId: 'A', queryVersion: 2, queryMode: 'resource_search', resource_type: 'demo_host', metric_name: 'load' },
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data).toHaveLength(4);
    expect(count('Keystone')).toBe(2);
  });
});
