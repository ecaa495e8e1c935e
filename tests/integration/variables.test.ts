/**
 * Template variables against the real stack: every kind of the variable editor, a saved 1.x string
 * unchanged and migrated, and `$__searchFilter` searched on the server.
 */
import { dateTime, DataQueryRequest, ScopedVars } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import type { DataSource } from '../../src/datasource';
import { migrateVariableQuery } from '../../src/migrations/variableQuery';
import { GnocchiVariableSupport } from '../../src/variables/support';
import type { GnocchiVariableQuery } from '../../src/types';
import { loadSeed, Seed } from './seed';
import { stackDataSource } from './stackDataSource';

let seed: Seed;
let ds: DataSource;
beforeAll(() => {
  seed = loadSeed();
  ds = stackDataSource(seed, { vars: { host: ['compute-1', 'compute-2'] } });
});

async function values(target: string | GnocchiVariableQuery, scopedVars: ScopedVars = {}) {
  const range = { from: dateTime(0), to: dateTime(1), raw: { from: 'now-6h', to: 'now' } };
  const res = await lastValueFrom(
    (ds.variables as GnocchiVariableSupport).query({
      targets: [target],
      scopedVars,
      range,
      requestId: 'v',
      app: 'dashboard',
      interval: '',
      intervalMs: 0,
      timezone: '',
      startTime: 0,
    } as unknown as DataQueryRequest<GnocchiVariableQuery>)
  );
  if (res.errors?.length) {
    throw new Error(res.errors[0].message);
  }
  const [text, value] = res.data[0].fields;
  return value.values.map((v: string, i: number) => ({ text: text.values[i], value: v }));
}

const seeded = (type: string, project = 'grafana-demo') =>
  Object.values(seed.resources).filter((r) => r.type === type && r.project === project);

describe('variables on the real stack', () => {
  it('resource types', async () => {
    const names = (await values({ refId: 'V', kind: 'resource_types' })).map((v) => v.value);
    expect(names).toEqual(expect.arrayContaining(['demo_host', 'demo_instance', 'generic']));
  });

  it('resources of a type matching a search (multi-value variable), text template, dotted value path', async () => {
    const got = await values({
      refId: 'V',
      kind: 'resources',
      resource_type: 'demo_instance',
      search: 'host in $host',
      text: '${display_name} on $host',
      value: 'metrics.memory.usage',
    });
    const want = seeded('demo_instance').filter((r) => ['compute-1', 'compute-2'].includes(r.host as string));
    expect(got).toHaveLength(want.length);
    expect(got.map((v) => v.value).sort()).toEqual(want.map((r) => r.metrics['memory.usage']).sort());
    expect(got[0].text).toMatch(/^\S+ on compute-[12]$/);
  });

  it('attribute values across matching resources', async () => {
    const got = await values({ refId: 'V', kind: 'attribute_values', resource_type: 'demo_host', attribute: 'rack' });
    expect(got.map((v) => v.value)).toEqual(['rack-A', 'rack-B']);
  });

  it('$__searchFilter: the typed text searched on the server as a prefix', async () => {
    const q: GnocchiVariableQuery = {
      refId: 'V',
      kind: 'attribute_values',
      resource_type: 'demo_instance',
      attribute: 'display_name',
      search: 'display_name like $__searchFilter',
    };
    const typed = (await values(q, { __searchFilter: { text: 'db', value: 'db' } })).map((v) => v.value);
    const want = seeded('demo_instance').map((r) => r.display_name as string);
    expect(typed).toEqual(want.filter((n) => n.startsWith('db')).sort());
    expect(typed.length).toBeGreaterThan(0);
    expect(await values(q)).toHaveLength(new Set(want).size);
    expect(await values(q, { __searchFilter: { text: '%', value: '%' } })).toEqual([]);
  });

  it('metric names of matching resources, and of one resource', async () => {
    const names = await values({ refId: 'V', kind: 'metric_names', resource_type: 'demo_instance' });
    expect(names.map((v) => v.value)).toEqual(['cpu_util', 'memory.usage']);
    const one = await values({ refId: 'V', kind: 'metric_names', resource_id: seed.resources['compute-1'].id });
    expect(one.map((v) => v.value)).toEqual(['load']);
  });

  it('aggregation methods and granularities of the archive policies, and of one metric', async () => {
    const metric = seed.resources['vm-001'].metrics.cpu_util;
    const methods = await values({ refId: 'V', kind: 'aggregation_methods', metric });
    expect(methods.map((v) => v.value)).toEqual(['count', 'last', 'max', 'mean', 'min', 'sum']);
    expect(await values({ refId: 'V', kind: 'granularities', metric })).toEqual([
      { text: '1m', value: '60' },
      { text: '1h', value: '3600' },
      { text: '1d', value: '86400' },
    ]);
    const all = (await values({ refId: 'V', kind: 'granularities' })).map((v) => v.value);
    expect(all).toEqual(expect.arrayContaining(['60', '3600', '86400']));
  });

  it('a saved 1.x string gives the same values unchanged and migrated', async () => {
    for (const text of [
      'resources(demo_instance, ${display_name}, id, host in $host)',
      "resources(demo_host, name, rack = 'rack-A')",
      `metrics(${seed.resources['vm-001'].id})`,
    ]) {
      const old = await values(text);
      expect(old.length).toBeGreaterThan(0);
      expect(await values(migrateVariableQuery(text))).toEqual(old);
    }
  });
});
