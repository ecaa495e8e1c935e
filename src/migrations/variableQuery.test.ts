import { migrateVariableQuery, VARIABLE_REF_ID } from './variableQuery';

const R = VARIABLE_REF_ID;

describe('migrateVariableQuery', () => {
  it('4-argument resources(): commas, parentheses, quotes and JSON inside the search', () => {
    expect(
      migrateVariableQuery("resources(instance, ${display_name} ($host), id, host in ['a', 'b,c'] and (flavor = 'x'))")
    ).toEqual({
      refId: R,
      kind: 'resources',
      resource_type: 'instance',
      text: '${display_name} ($host)',
      value: 'id',
      search: "host in ['a', 'b,c'] and (flavor = 'x')",
    });
    expect(
      migrateVariableQuery(
        'resources(instance, $display_name, $metrics.cpu_util, {"and": [{"in": {"host": ["a", "b"]}}]})'
      )
    ).toEqual({
      refId: R,
      kind: 'resources',
      resource_type: 'instance',
      text: '$display_name',
      value: 'metrics.cpu_util',
      search: '{"and": [{"in": {"host": ["a", "b"]}}]}',
    });
  });

  it('3- and 2-argument resources(): text = value = the attribute', () => {
    expect(migrateVariableQuery('resources(demo_host, $name, rack = "rack-A")')).toEqual({
      refId: R,
      kind: 'resources',
      resource_type: 'demo_host',
      text: '${name}',
      value: 'name',
      search: 'rack = "rack-A"',
    });
    expect(migrateVariableQuery('resources(demo_host, ${name})')).toEqual({
      refId: R,
      kind: 'resources',
      resource_type: 'demo_host',
      text: '${name}',
      value: 'name',
    });
  });

  it('metrics(resource id) → metric names of that resource', () => {
    expect(migrateVariableQuery('metrics($vm)')).toEqual({ refId: R, kind: 'metric_names', resource_id: '$vm' });
  });

  it('the {query} object form keeps its refId', () => {
    expect(migrateVariableQuery({ refId: 'A', query: 'metrics(abc)' })).toEqual({
      refId: 'A',
      kind: 'metric_names',
      resource_id: 'abc',
    });
  });

  it('strings that do not parse stay 1.x queries (they keep running as written)', () => {
    for (const text of ['not_existing(instance, host)', 'resources(instance)', 'metrics()', 'web-*']) {
      expect(migrateVariableQuery(text)).toEqual({ refId: R, kind: 'legacy', query: text });
    }
  });

  it('a model is returned as is (same object), and migration is idempotent', () => {
    const q = Object.freeze({ refId: 'A', kind: 'granularities' as const });
    expect(migrateVariableQuery(q)).toBe(q);
    const once = migrateVariableQuery('resources(instance, host)');
    expect(migrateVariableQuery(once)).toBe(once);
  });

  it('nothing saved: a resources query', () => {
    expect(migrateVariableQuery('')).toEqual({ refId: R, kind: 'resources' });
    expect(migrateVariableQuery(undefined)).toEqual({ refId: R, kind: 'resources' });
  });
});
