import { fakeTemplateSrv as srv } from '../__mocks__/templateSrv';
import { interpolateQuery, interpolateSearch } from './interpolate';

const vars = srv({
  host: 'compute-1',
  hosts: ['compute-1', "o'brien"],
  metrics: ['cpu.util', 'mem'],
  keys: ['host', 'flavor'],
  vm: ['a', 'b'],
});

describe('interpolateQuery', () => {
  it('quotes search values, builds in-lists, alternations and groupby keys', () => {
    const q = interpolateQuery(
      {
        refId: 'A',
        queryMode: 'resource_search',
        resource_search: 'host = $host or host in $hosts',
        metric_name: '$metrics',
        groupby: '$keys',
        label: '$host ${display_name}',
      },
      vars
    );
    expect(q.resource_search).toBe(`host = 'compute-1' or host in ['compute-1', "o'brien"]`);
    expect(q.metric_name).toBe('(cpu\\.util|mem)');
    expect(q.groupby).toBe('host,flavor');
    expect(q.label).toBe('compute-1 ${display_name}');
  });

  it('a multi-value variable in a label: every value for new queries, the first for 1.x queries (as 1.7.1)', () => {
    const label = '$hosts load';
    expect(interpolateQuery({ refId: 'A', queryVersion: 2, label }, vars).label).toBe("compute-1, o'brien load");
    expect(interpolateQuery({ refId: 'A', label }, vars).label).toBe('compute-1 load');
  });

  it('old dashboards that quoted the variable themselves keep working', () => {
    expect(interpolateSearch(`host = "$host"`, vars)).toBe(`host = 'compute-1'`);
  });

  it('JSON searches get JSON values', () => {
    expect(interpolateSearch('{"in": {"host": $hosts}}', vars)).toBe('{"in": {"host": ["compute-1","o\'brien"]}}');
  });

  it('a quoted variable in a JSON search (the old plugin form) works as in string filters', () => {
    expect(interpolateSearch('{"=": {"host": "$host"}}', vars)).toBe('{"=": {"host": "compute-1"}}');
    expect(interpolateSearch('{"in": {"host": "${hosts}"}}', vars)).toBe('{"in": {"host": ["compute-1","o\'brien"]}}');
    expect(() => interpolateSearch('{"=": {"host": "$hosts"}}', vars)).toThrow(
      /^Variable \$hosts: 2 values \(compute-1, o'brien\) where the JSON search takes one string/
    );
  });

  it('hostile values stay one JSON string, whatever the variable syntax or place', () => {
    const evil = srv({ host: '"}, "or": [{"!=": {"host": "x\'\\', evilList: ['a"]}}', 'b'] });
    const out = JSON.parse(
      interpolateSearch(
        '{"and": [{"=": {"host": "$host"}}, {"like": {"name": "[[host]]%"}}, {"in": {"id": "$evilList"}}]}',
        evil
      )
    );
    expect(out).toEqual({
      and: [
        { '=': { host: '"}, "or": [{"!=": {"host": "x\'\\' } },
        { like: { name: '"}, "or": [{"!=": {"host": "x\'\\%' } },
        { in: { id: ['a"]}}', 'b'] } },
      ],
    });
  });

  it('single-value fields given several values are an error naming the field', () => {
    expect(() => interpolateQuery({ refId: 'A', queryMode: 'resource', resource_id: '$vm' }, vars)).toThrow(
      'The field "resource_id" takes one value, but a variable gives it 2 (a, b)'
    );
    expect(() => interpolateQuery({ refId: 'A', queryMode: 'resource', metric_name: '$metrics' }, vars)).toThrow(
      /"metric_name" takes one value/
    );
  });
});
