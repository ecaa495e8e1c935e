import type { GnocchiResource } from '../types';
import { parseVariableQuery, resourcesToValues } from './query';

describe('parseVariableQuery', () => {
  it('4 arguments: display template, value attribute, search with commas inside quotes and JSON', () => {
    expect(parseVariableQuery("resources(instance, ${display_name}, id, host in ['a', 'b,c'])")).toEqual({
      kind: 'resources',
      resourceType: 'instance',
      display: '${display_name}',
      valueAttr: 'id',
      search: "host in ['a', 'b,c']",
    });
    expect(parseVariableQuery('resources(instance, $display_name, $id, {"in": {"host": ["a", "b"]}})')).toHaveProperty(
      'search',
      '{"in": {"host": ["a", "b"]}}'
    );
  });

  it('legacy 3 arguments and 2 arguments', () => {
    expect(parseVariableQuery("resources(instance, host, flavor = 'x')")).toEqual({
      kind: 'resources',
      resourceType: 'instance',
      display: '${host}',
      valueAttr: 'host',
      search: "flavor = 'x'",
    });
    expect(parseVariableQuery('resources(demo_host, $name)')).toMatchObject({ valueAttr: 'name', search: '' });
  });

  it('metrics(resource id)', () => {
    expect(parseVariableQuery('metrics($vm)')).toEqual({ kind: 'metrics', resourceId: '$vm' });
  });

  it('says what it accepts', () => {
    expect(() => parseVariableQuery('hosts()')).toThrow(/use resources\(type, display, value attribute, search\)/);
    expect(() => parseVariableQuery('resources(a)')).toThrow(/2 to 4 arguments/);
    expect(() => parseVariableQuery('metrics()')).toThrow(/one argument/);
  });
});

describe('resourcesToValues', () => {
  const resources: GnocchiResource[] = [
    { id: 'u1', display_name: 'web-01', host: 'c1', metrics: { cpu_util: 'm1' } },
    { id: 'u2', display_name: 'web-02', host: 'c1', metrics: { cpu_util: 'm2' } },
    { id: 'u3', display_name: 'db-01', host: 'c2', metrics: {} },
  ];
  it('renders the display template, dedups values, follows dotted paths', () => {
    expect(resourcesToValues(resources, '${display_name} on $host', 'id')).toEqual([
      { text: 'web-01 on c1', value: 'u1' },
      { text: 'web-02 on c1', value: 'u2' },
      { text: 'db-01 on c2', value: 'u3' },
    ]);
    expect(resourcesToValues(resources, '$host', 'host').map((v) => v.value)).toEqual(['c1', 'c2']);
    expect(resourcesToValues(resources, '$display_name', 'metrics.cpu_util')).toEqual([
      { text: 'web-01', value: 'm1' },
      { text: 'web-02', value: 'm2' },
    ]);
  });
});
