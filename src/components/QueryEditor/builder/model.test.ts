import type { GnocchiQuery } from '../../../types';
import { BuilderModel, EMPTY_MODEL, fromQuery, missing, shownValue, toQuery, valueTerm } from './model';

const q = (fields: Partial<GnocchiQuery>): GnocchiQuery => ({ refId: 'A', queryMode: 'dynamic_aggregates', ...fields });

const CPU_PER_HOST: BuilderModel = {
  ...EMPTY_MODEL,
  resourceType: 'instance',
  conditions: [{ attr: 'flavor_name', op: '=', value: "'m1.small'" }],
  metric: 'cpu',
  aggregation: 'rate:mean',
  reaggregation: 'mean',
  steps: [{ kind: 'arithmetic', op: '/', value: '3000000000' }],
  groupby: ['host'],
  label: '${host}',
};

describe('builder model', () => {
  it('writes the saved fields of code mode', () => {
    expect(toQuery(CPU_PER_HOST)).toEqual({
      queryMode: 'dynamic_aggregates',
      resource_type: 'instance',
      resource_search: "flavor_name = 'm1.small'",
      operations: '(/ (aggregate mean (metric cpu rate:mean)) 3000000000)',
      groupby: 'host',
      granularity: '',
      label: '${host}',
    });
  });

  it('round-trips: fromQuery(toQuery(model)) is the model', () => {
    const models: BuilderModel[] = [
      CPU_PER_HOST,
      { ...EMPTY_MODEL, resourceType: 'generic' },
      {
        ...EMPTY_MODEL,
        resourceType: 'instance_network_interface',
        conditions: [
          { attr: 'instance_id', op: '=', value: '$instance' },
          { attr: 'name', op: 'like', value: "'tap%'" },
        ],
        combinator: 'or',
        metric: 'network.incoming.bytes',
        aggregation: 'mean',
        steps: [
          { kind: 'rate', op: 'rateofchange' },
          { kind: 'resample', method: 'max', window: '3600' },
          { kind: 'rolling', method: 'mean', window: '3' },
          { kind: 'arithmetic', op: '*', value: '$scale' },
        ],
        groupby: ['id', 'name'],
        granularity: '300',
        label: '$metric ${name} $aggregation',
      },
      { ...CPU_PER_HOST, conditions: [{ attr: 'host', op: 'in', value: "['cmp-01', 'cmp-02']" }] },
      { ...CPU_PER_HOST, conditions: [{ attr: 'vcpus', op: '>=', value: '2' }], metric: '$metric' },
    ];
    for (const m of models) {
      expect(fromQuery(q(toQuery(m)))).toEqual({ model: m });
    }
  });

  it('reads saved queries written by hand, spacing aside', () => {
    const r = fromQuery(
      q({
        resource_type: 'instance',
        resource_search: "flavor_name='m1.small'  and host != 'cmp-01'",
        operations: '( aggregate  mean (metric cpu rate:mean) )',
        groupby: 'host, display_name',
      })
    );
    expect(r.model).toMatchObject({
      conditions: [
        { attr: 'flavor_name', op: '=', value: "'m1.small'" },
        { attr: 'host', op: '!=', value: "'cmp-01'" },
      ],
      reaggregation: 'mean',
      groupby: ['host', 'display_name'],
    });
  });

  it.each([
    ['JSON operations', { operations: '["metric", "cpu", "mean"]' }, 'JSON form'],
    ['JSON search', { resource_search: '{"=": {"host": "a"}}', operations: '(metric cpu mean)' }, 'JSON form'],
    ['two metrics', { operations: '(metric (cpu mean) (memory mean))' }, 'several metrics'],
    ['a constant on the left', { operations: '(- 100 (metric cpu mean))' }, 'the operator -'],
    ['clip', { operations: '(clip (metric cpu mean) 0 10)' }, 'the operator clip'],
    ['nested groups', { resource_search: 'a = 1 and (b = 2 or c = 3)' }, 'nested groups'],
    ['not', { resource_search: 'not a = 1' }, 'not or nested'],
    ['broken operations', { operations: '(metric cpu' }, 'do not parse'],
    ['fill', { fill: 0, operations: '(metric cpu mean)' }, 'fill or needed overlap'],
    ['another mode', { queryMode: 'metric' as const, metric_id: 'x' }, 'this mode'],
  ])('%s: not representable, with a reason', (_, fields, reason) => {
    const r = fromQuery(q(fields));
    expect(r.model).toBeUndefined();
    expect(r.reason).toContain(reason);
  });

  it('says what is missing before the query can run', () => {
    expect(missing(EMPTY_MODEL)).toBe('a resource type');
    expect(missing({ ...CPU_PER_HOST, metric: '' })).toBe('a metric and its aggregation method');
    expect(missing({ ...CPU_PER_HOST, conditions: [{ attr: 'host', op: '=', value: '' }] })).toContain('condition');
    expect(missing({ ...CPU_PER_HOST, steps: [{ kind: 'resample', method: 'mean', window: '' }] })).toContain('step');
    expect(missing(CPU_PER_HOST)).toBeUndefined();
  });

  it('an incomplete model writes only its complete parts', () => {
    const m = { ...CPU_PER_HOST, conditions: [...CPU_PER_HOST.conditions, { attr: 'host', op: '=', value: '' }] };
    expect(toQuery(m).resource_search).toBe("flavor_name = 'm1.small'");
    expect(toQuery({ ...m, metric: '' }).operations).toBe('');
  });

  it('picked values become terms of the string filter, and are shown without quotes', () => {
    expect(valueTerm('m1.small')).toBe("'m1.small'");
    expect(valueTerm("it's")).toBe('"it\'s"');
    expect(valueTerm('$flavor')).toBe('$flavor');
    expect(valueTerm("['a', 'b']", 'in')).toBe("['a', 'b']");
    expect(valueTerm('cmp-01', 'in')).toBe("['cmp-01']");
    expect(shownValue("'m1.small'")).toBe('m1.small');
    expect(shownValue('$flavor')).toBe('$flavor');
  });
});
