/**
 * The cloud seed (stack/seed_cloud.py) against the real stack: Ceilometer's resource types and
 * archive policies as Ceilometer's own Python code defines them, collectd-gnocchi's `collectd` type,
 * the archive policy of every seeded metric, project isolation, and the dashboards real clouds
 * have (CPU % per instance, memory by flavor, network bytes per interface, disk IOPS, per-host
 * collectd CPU) through the plugin's DataSource, with the exact values of the seed's formulas.
 */
import { execFileSync } from 'node:child_process';
import { DataFrame, DataQueryRequest, DataQueryResponse, dateTime, FieldType } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { DataSource } from '../../src/datasource';
import { GnocchiOptions, GnocchiQuery } from '../../src/types';
import { HostTemplateSrv } from '../../src/testing/grafanaTemplateSrv';
import { gnocchi, loadSeed, passwordToken, Seed } from './seed';

interface CloudResource {
  id: string;
  original_resource_id: string;
  type: string;
  owner: string;
  project: string;
  project_id: string;
  index: number;
  metrics: Record<string, string>;
  [attr: string]: unknown;
}

interface Cloud {
  instances: Record<string, CloudResource>;
  disks: Record<string, CloudResource>;
  interfaces: Record<string, CloudResource>;
  volumes: Record<string, CloudResource>;
  collectd: Record<string, CloudResource>;
  flavors: Record<string, { id: string; vcpus: number; ram_mb: number }>;
  archive_policies: string[];
  resource_types: string[];
  metric_archive_policies: Record<string, Record<string, string>>;
  measures: { start_unix: number; end_unix: number; step_s: number; points_per_metric: number };
}

let seed: Seed;
let cloud: Cloud;
beforeAll(() => {
  seed = loadSeed();
  cloud = (seed as unknown as { cloud: Cloud }).cloud;
  if (!cloud) {
    throw new Error('seed.json has no "cloud": run stack/seed_cloud.py (stack/up.sh does)');
  }
});

// ---- the seed's formulas (stack/seed_cloud.py docstring); t in unix seconds
const tri = (t: number) => 12 - Math.abs(Math.floor((t % 86400) / 3600) - 12);
const cpuPercentOfOneVcpu = (vcpus: number, i: number, t: number) => vcpus * (10 + 5 * i + 2 * tri(t));
const memoryUsage = (ramMb: number, i: number, t: number) => ramMb / 4 + 64 * tri(t) + 16 * i;
const readIops = (j: number, t: number) => 5 + j + tri(t);
const writeIops = (j: number) => 2 + j;
const incomingBytesPerS = (k: number, t: number) => 1000 * (100 * (k + 1) + 10 * tri(t));
const collectdBusy = (n: number, c: number, t: number) => 10 + 10 * c + 5 * n + 2 * tri(t) + 5 + n;

const own = (group: Record<string, CloudResource>, owner = 'grafana') =>
  Object.entries(group).filter(([, r]) => r.owner === owner);

function dataSource(user = 'grafana', project = 'grafana-demo') {
  const jsonData: Partial<GnocchiOptions> = {
    mode: 'keystone',
    username: user,
    password: seed.users[user].password,
    project,
  };
  return new DataSource(
    {
      id: 1,
      uid: 'gnocchi',
      type: 'gnocchixyz-gnocchi-datasource',
      name: 'Gnocchi',
      access: 'direct',
      url: `${seed.urls.keystone}/v3`,
      jsonData: jsonData as GnocchiOptions,
      meta: {} as any,
      readOnly: false,
    },
    { templateSrv: new HostTemplateSrv([]) }
  );
}

/** Runs dynamic_aggregates targets over [end - hours, end] of the cloud seed. */
async function run(ds: DataSource, target: Partial<GnocchiQuery>, hours = 3): Promise<DataQueryResponse> {
  const end = cloud.measures.end_unix * 1000;
  const from = dateTime(end - hours * 3_600_000);
  const to = dateTime(end + 1);
  const request = {
    requestId: 'cloud',
    interval: '5m',
    intervalMs: 300_000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets: [{ refId: 'A', queryMode: 'dynamic_aggregates', draw_missing_datapoint_as_zero: false, ...target }],
    timezone: 'utc',
    app: 'dashboard',
    startTime: Date.now(),
  } as DataQueryRequest<GnocchiQuery>;
  const res = await lastValueFrom(ds.query(request));
  expect(res.errors).toBeUndefined();
  return res;
}

function points(frame: DataFrame): Array<[number, number]> {
  const time = frame.fields.find((f) => f.type === FieldType.time)!;
  const value = frame.fields.find((f) => f.type === FieldType.number)!;
  return time.values.map((t: number, i: number) => [t / 1000, value.values[i]]);
}

/** name -> [t (unix s), value][] */
function byName(res: DataQueryResponse): Record<string, Array<[number, number]>> {
  return Object.fromEntries((res.data as DataFrame[]).map((f) => [f.name!, points(f)]));
}

function expectSeries(actual: Array<[number, number]>, expected: (t: number) => number, n = 37) {
  const end = cloud.measures.end_unix;
  expect(actual.map(([t]) => t)).toEqual(Array.from({ length: n }, (_, i) => end - (n - 1 - i) * 300));
  expect(actual.map(([, v]) => v)).toEqual(actual.map(([t]) => expected(t)));
}

describe('Ceilometer schema (created by Ceilometer Zed code, python3-ceilometer)', () => {
  // What Ceilometer defines: its resource types after every update operation, and the archive
  // policies of its publisher's gnocchi_resources.yaml, read from the installed package.
  const CEILOMETER = `
import json, os, yaml
from ceilometer import gnocchi_client as g
from ceilometer.publisher import gnocchi as p
types = {k: dict(v) for k, v in g.resources_initial.items()}
for op in g.resources_update_operations:
    if op["type"] == "create_resource_type":
        types[op["resource_type"]] = dict(op["data"][0]["attributes"])
    else:
        for d in op["data"]:
            name = d["path"].split("/")[-1]
            if d["op"] == "add":
                types[op["resource_type"]][name] = d["value"]
            else:
                types[op["resource_type"]].pop(name, None)
with open(os.path.join(os.path.dirname(p.__file__), "data", "gnocchi_resources.yaml")) as f:
    data = yaml.safe_load(f)
print(json.dumps({"types": types, "policies": data["archive_policies"]}))
`;
  let ceilometer: {
    types: Record<string, Record<string, { type: string; required: boolean }>>;
    policies: Array<{
      name: string;
      aggregation_methods: string[];
      back_window: number;
      definition: Array<{ granularity: string; timespan: string }>;
    }>;
  };
  let admin: string;
  beforeAll(async () => {
    ceilometer = JSON.parse(execFileSync('/usr/bin/python3', ['-c', CEILOMETER], { encoding: 'utf8' }));
    admin = (await passwordToken(seed, 'admin')).token;
  });

  // "5 minutes", "1 day" (Ceilometer) and "0:05:00", "30 days, 0:00:00" (Gnocchi) in seconds
  const seconds = (s: string) => {
    const m = /^(?:(\d+) days?, )?(\d+):(\d\d):(\d\d)$/.exec(s);
    if (m) {
      return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
    }
    const [n, unit] = s.split(' ');
    const mult: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };
    return Number(n) * mult[unit.replace(/s$/, '')];
  };

  it('every resource type with every attribute (type, required), plus collectd-gnocchi`s collectd', async () => {
    const { status, body } = await gnocchi(seed, admin, '/v1/resource_type');
    expect(status).toBe(200);
    const have = Object.fromEntries(
      (body as Array<{ name: string; attributes: Record<string, { type: string; required: boolean }> }>).map((t) => [
        t.name,
        Object.fromEntries(Object.entries(t.attributes).map(([k, a]) => [k, { type: a.type, required: a.required }])),
      ])
    );
    const want = Object.fromEntries(
      Object.entries(ceilometer.types).map(([name, attrs]) => [
        name,
        Object.fromEntries(Object.entries(attrs).map(([k, a]) => [k, { type: a.type, required: a.required }])),
      ])
    );
    for (const name of ['instance', 'instance_disk', 'instance_network_interface', 'volume', 'image', 'nova_compute']) {
      expect(want).toHaveProperty(name);
    }
    for (const [name, attrs] of Object.entries(want)) {
      expect([name, have[name]]).toEqual([name, attrs]);
    }
    expect(have.collectd).toEqual({ host: { type: 'string', required: true } });
    expect(have.instance).toHaveProperty('flavor_name');
    expect(have.instance).toHaveProperty('server_group');
    expect([...cloud.resource_types].sort()).toEqual([...Object.keys(want), 'collectd'].sort());
  });

  it('the four ceilometer-* archive policies of Ceilometer`s publisher', async () => {
    expect(ceilometer.policies.map((p) => p.name).sort()).toEqual([
      'ceilometer-high',
      'ceilometer-high-rate',
      'ceilometer-low',
      'ceilometer-low-rate',
    ]);
    for (const p of ceilometer.policies) {
      const { status, body } = await gnocchi(seed, admin, `/v1/archive_policy/${p.name}`);
      expect(status).toBe(200);
      expect([...body.aggregation_methods].sort()).toEqual([...p.aggregation_methods].sort());
      expect(body.back_window).toBe(p.back_window);
      expect(
        body.definition.map((d: { granularity: string; timespan: string }) => [
          seconds(d.granularity),
          seconds(d.timespan),
        ])
      ).toEqual(p.definition.map((d) => [seconds(d.granularity), seconds(d.timespan)]));
    }
    expect([...cloud.archive_policies].sort()).toEqual(ceilometer.policies.map((p) => p.name).sort());
  });

  it('each seeded metric has the archive policy Ceilometer gives it (collectd: low, counters low-rate)', async () => {
    const token = (await passwordToken(seed, 'grafana')).token;
    const checks: Array<[CloudResource, string, string]> = [
      [cloud.instances['web-1'], 'cpu', 'ceilometer-low-rate'],
      [cloud.instances['web-1'], 'memory.usage', 'ceilometer-low'],
      [cloud.instances['web-1'], 'vcpus', 'ceilometer-low'],
      [cloud.disks['db-1/vdb'], 'disk.device.read.bytes', 'ceilometer-low-rate'],
      [Object.values(cloud.interfaces)[0], 'network.incoming.bytes', 'ceilometer-low-rate'],
      [cloud.volumes['db-1-data'], 'volume.size', 'ceilometer-low'],
      [cloud.collectd['cmp-01'], 'cpu-0@percent-idle-0', 'ceilometer-low'],
      [cloud.collectd['cmp-01'], 'interface-eth0@if_octets-0', 'ceilometer-low-rate'],
    ];
    for (const [r, metric, policy] of checks) {
      const { status, body } = await gnocchi(seed, token, `/v1/metric/${r.metrics[metric]}`);
      expect(status).toBe(200);
      expect([metric, body.archive_policy.name, body.resource.id]).toEqual([metric, policy, r.id]);
      expect(cloud.metric_archive_policies[r.type][metric]).toBe(policy);
    }
  });
});

describe('the seeded cloud', () => {
  it('resources in both projects, each project seeing only its own', async () => {
    expect(Object.keys(cloud.instances)).toHaveLength(8);
    for (const [user, n] of [
      ['grafana', 6],
      ['other', 2],
    ] as const) {
      const token = (await passwordToken(seed, user)).token;
      const { body } = await gnocchi(seed, token, '/v1/resource/instance');
      expect(body.map((r: { display_name: string }) => r.display_name).sort()).toEqual(
        own(cloud.instances, user)
          .map(([name]) => name)
          .sort()
      );
      expect(body).toHaveLength(n);
      const web1 = body.find((r: { display_name: string }) => r.display_name === 'web-1');
      if (user === 'grafana') {
        expect(web1).toMatchObject({
          flavor_name: 'm1.small',
          flavor_id: '2',
          host: 'cmp-01',
          server_group: 'web',
          image_ref: cloud.instances['web-1'].image_ref,
          project_id: seed.users.grafana.project_id,
        });
      }
    }
    expect(cloud.disks['db-1/vdb']).toMatchObject({
      name: 'vdb',
      instance_id: cloud.instances['db-1'].id,
      original_resource_id: `${cloud.instances['db-1'].id}-vdb`,
    });
  });

  it('CPU % per instance: cpu rate:mean / 3e9, grouped by display_name', async () => {
    const res = await run(dataSource(), {
      resource_type: 'instance',
      operations: '(/ (aggregate mean (metric cpu rate:mean)) 3000000000)',
      groupby: 'display_name',
      label: '${display_name}',
    });
    const series = byName(res);
    const mine = own(cloud.instances);
    expect(Object.keys(series).sort()).toEqual(mine.map(([n]) => n).sort());
    for (const [name, r] of mine) {
      const vcpus = cloud.flavors[r.flavor_name as string].vcpus;
      expectSeries(series[name], (t) => cpuPercentOfOneVcpu(vcpus, r.index, t));
    }
  });

  it('memory by flavor: sum of memory.usage and of memory per flavor_name, over the whole 26 h', async () => {
    const ds = dataSource();
    const usage = byName(
      await run(
        ds,
        {
          resource_type: 'instance',
          operations: '(aggregate sum (metric memory.usage mean))',
          groupby: 'flavor_name',
          label: '${flavor_name}',
        },
        26
      )
    );
    const flavors = ['m1.large', 'm1.medium', 'm1.small'];
    expect(Object.keys(usage).sort()).toEqual(flavors);
    for (const flavor of flavors) {
      const members = own(cloud.instances).filter(([, r]) => r.flavor_name === flavor);
      const ram = cloud.flavors[flavor].ram_mb;
      expectSeries(
        usage[flavor],
        (t) => members.reduce((s, [, r]) => s + memoryUsage(ram, r.index, t), 0),
        cloud.measures.points_per_metric
      );
    }
    const total = byName(
      await run(ds, {
        resource_type: 'instance',
        operations: '(aggregate sum (metric memory mean))',
        groupby: 'flavor_name',
        label: '$flavor_name',
      })
    );
    expectSeries(total['m1.large'], () => 2 * 8192);
  });

  it('network bytes per interface: network.incoming.bytes rate:mean / 300, grouped by name', async () => {
    const res = await run(dataSource(), {
      resource_type: 'instance_network_interface',
      operations: '(/ (aggregate mean (metric network.incoming.bytes rate:mean)) 300)',
      groupby: 'name',
      label: '$name',
    });
    const series = byName(res);
    const mine = own(cloud.interfaces);
    expect(Object.keys(series).sort()).toEqual(mine.map(([, r]) => String(r.name)).sort());
    for (const [, r] of mine) {
      expectSeries(series[String(r.name)], (t) => incomingBytesPerS(r.index, t));
    }
  });

  it('disk IOPS per instance: read + write requests rate:mean / 300, summed over its disks', async () => {
    const res = await run(dataSource(), {
      resource_type: 'instance_disk',
      operations:
        '(/ (aggregate sum (metric (disk.device.read.requests rate:mean) (disk.device.write.requests rate:mean))) 300)',
      groupby: 'instance_id',
      label: '${instance_id}',
    });
    const series = byName(res);
    const mine = own(cloud.instances);
    expect(Object.keys(series).sort()).toEqual(mine.map(([, r]) => r.id).sort());
    for (const [name, inst] of mine) {
      const disks = Object.values(cloud.disks).filter((d) => d.instance_id === inst.id);
      expect(disks).toHaveLength(name.startsWith('db-') ? 2 : 1);
      expectSeries(series[inst.id], (t) => disks.reduce((s, d) => s + readIops(d.index, t) + writeIops(d.index), 0));
    }
  });

  it('per-host collectd CPU: 100 - mean of cpu-N@percent-idle-0, grouped by host', async () => {
    const target = {
      resource_type: 'collectd',
      operations: '(- 100 (aggregate mean (metric (cpu-0@percent-idle-0 mean) (cpu-1@percent-idle-0 mean))))',
      groupby: 'host',
      label: '$host',
    };
    const series = byName(await run(dataSource(), target));
    expect(Object.keys(series).sort()).toEqual(['cmp-01', 'cmp-02', 'cmp-03']);
    for (const [host, r] of own(cloud.collectd)) {
      expectSeries(series[host], (t) => (collectdBusy(r.index, 0, t) + collectdBusy(r.index, 1, t)) / 2);
    }
    // the other project: only its own host
    const other = byName(await run(dataSource('other', 'other-demo'), target));
    expect(Object.keys(other)).toEqual(['cmp-04']);
    expectSeries(other['cmp-04'], (t) => (collectdBusy(3, 0, t) + collectdBusy(3, 1, t)) / 2);
  });
});
