import { recordingClient } from '../__mocks__/client';
import { fakeTemplateSrv } from '../__mocks__/templateSrv';
import { response } from '../__mocks__/transport';
import type { HttpRequest } from '../http/transport';
import type { GnocchiVariableQuery } from '../types';
import { granularityText, likePattern, runVariableKind, timespanSeconds } from './kinds';

const POLICIES = [
  {
    name: 'low',
    aggregation_methods: ['mean', 'max'],
    definition: [{ granularity: '0:05:00' }, { granularity: '1 day, 0:00:00' }],
  },
  { name: 'high', aggregation_methods: ['last', 'mean'], definition: [{ granularity: '0:00:01' }] },
];

const vm = (i: number) => ({
  id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
  display_name: `web-${i}`,
  host: `c${i % 3}`,
  metrics: { cpu_util: `m${i}`, ...(i % 2 ? { 'memory.usage': `n${i}` } : {}) },
});

function setup(vars: Record<string, string | string[]> = {}) {
  const r = recordingClient((req: HttpRequest) => {
    const url = decodeURIComponent(req.url);
    if (url.includes('/v1/archive_policy')) {
      return response(200, POLICIES);
    }
    if (url.includes('/v1/metric/')) {
      return response(200, { id: 'm1', archive_policy: POLICIES[1] });
    }
    if (url.endsWith('/v1/resource_type')) {
      return response(200, [{ name: 'instance' }, { name: 'generic' }]);
    }
    if (url.includes('/v1/resource/generic/')) {
      return response(200, { id: 'r', metrics: { b: '1', a: '2' } });
    }
    // two pages: 1000 then 2 resources
    const second = url.includes('marker=');
    return response(200, second ? [vm(1000), vm(1001)] : Array.from({ length: 1000 }, (_, i) => vm(i)));
  });
  const run = (q: Partial<GnocchiVariableQuery>, scopedVars = {}) =>
    runVariableKind({ client: r.client, templateSrv: fakeTemplateSrv(vars), scopedVars }, { refId: 'V', ...q });
  return { ...r, run };
}

describe('variable kinds', () => {
  it('resource types', async () => {
    const { run } = setup();
    expect(await run({ kind: 'resource_types' })).toEqual([
      { text: 'generic', value: 'generic' },
      { text: 'instance', value: 'instance' },
    ]);
  });

  it('resources: every page read, search interpolated and quoted, text template, only the attributes needed', async () => {
    const { run, requests } = setup({ h: "x' or 'y" });
    const values = await run({
      kind: 'resources',
      resource_type: 'instance',
      search: 'host = $h',
      text: '${display_name} on $host',
      value: 'id',
    });
    expect(values).toHaveLength(1002);
    expect(values[1]).toEqual({ text: 'web-1 on c1', value: vm(1).id });
    expect(requests).toHaveLength(2);
    const url = decodeURIComponent(requests[1].url);
    expect(url).toContain(`/v1/search/resource/instance?filter=host = "x' or 'y"`);
    expect(url).toContain(`marker=${vm(999).id}`);
    expect(url).toMatch(/attrs=id&attrs=display_name&attrs=host/);
  });

  it('resources: a dotted value path (a metric id), text defaults to the id', async () => {
    const { run } = setup();
    const values = await run({ kind: 'resources', resource_type: 'instance', value: 'metrics.memory.usage' });
    expect(values).toHaveLength(501); // metric names with dots; resources without that metric are left out
    expect(values[0]).toEqual({ text: vm(1).id, value: 'n1' });
    const cpu = await run({ kind: 'resources', resource_type: 'instance', value: 'metrics.cpu_util' });
    expect(cpu[2]).toEqual({ text: vm(2).id, value: 'm2' });
  });

  it('$__searchFilter: what the user typed, as an escaped LIKE prefix, in string and JSON searches', async () => {
    const { run, requests } = setup();
    const typed = { __searchFilter: { text: "we_b'", value: "we_b'" } };
    await run({ kind: 'resources', search: 'display_name like $__searchFilter', value: 'id' }, typed);
    expect(decodeURIComponent(requests[0].url)).toContain(`filter=display_name like "we\\_b'%"`);
    await run({ kind: 'attribute_values', attribute: 'host', search: '{"like": {"host": "$__searchFilter"}}' });
    expect(JSON.parse(requests[2].body ?? '')).toEqual({ like: { host: '%' } });
    expect(likePattern('50%\\')).toBe('50\\%\\\\%');
  });

  it('attribute values: distinct, sorted, every page', async () => {
    const { run, requests } = setup();
    expect(await run({ kind: 'attribute_values', resource_type: 'instance', attribute: 'host' })).toEqual([
      { text: 'c0', value: 'c0' },
      { text: 'c1', value: 'c1' },
      { text: 'c2', value: 'c2' },
    ]);
    expect(decodeURIComponent(requests[0].url)).toContain('attrs=id&attrs=host');
    await expect(run({ kind: 'attribute_values', resource_type: 'instance' })).rejects.toThrow(/Choose the attribute/);
  });

  it('metric names: of matching resources, or of one resource by id', async () => {
    const { run, requests } = setup({ vm: 'abc' });
    expect(await run({ kind: 'metric_names', resource_type: 'instance' })).toEqual([
      { text: 'cpu_util', value: 'cpu_util' },
      { text: 'memory.usage', value: 'memory.usage' },
    ]);
    expect(await run({ kind: 'metric_names', resource_id: '$vm' })).toEqual([
      { text: 'a', value: 'a' },
      { text: 'b', value: 'b' },
    ]);
    expect(requests[requests.length - 1].url).toContain('/v1/resource/generic/abc');
  });

  it('aggregation methods and granularities: of every archive policy, or of one metric', async () => {
    const { run, requests } = setup();
    expect((await run({ kind: 'aggregation_methods' })).map((v) => v.value)).toEqual(['last', 'max', 'mean']);
    expect(await run({ kind: 'granularities' })).toEqual([
      { text: '1s', value: '1' },
      { text: '5m', value: '300' },
      { text: '1d', value: '86400' },
    ]);
    expect(await run({ kind: 'granularities', metric: 'm1' })).toEqual([{ text: '1s', value: '1' }]);
    expect(requests[requests.length - 1].url).toContain('/v1/metric/m1');
  });

  it('names a field that takes one value but receives several, and refuses path tricks', async () => {
    const { run, requests } = setup({ t: ['a', 'b'] });
    await expect(run({ kind: 'resources', resource_type: '$t' })).rejects.toThrow(/resource type.*2/);
    await expect(run({ kind: 'metric_names', resource_id: '..' })).rejects.toThrow(/not valid/);
    expect(requests).toHaveLength(0);
  });

  it('timespans and their names', () => {
    expect(timespanSeconds('365 days, 0:00:00')).toBe(31536000);
    expect(timespanSeconds('1:00:00')).toBe(3600);
    expect(timespanSeconds(60)).toBe(60);
    expect(timespanSeconds('60.0')).toBe(60);
    expect(granularityText(90)).toBe('90s');
    expect(granularityText(7200)).toBe('2h');
  });
});
