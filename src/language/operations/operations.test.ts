import { withoutPositions } from '../common';
import { OPERATION_EXAMPLES } from '../__fixtures__/examples';
import {
  metricRefs,
  metricRefsOf,
  OpNode,
  operationsVariables,
  parseOperations,
  printOperations,
  validateOperations,
} from '.';

describe('operations: examples round-trip', () => {
  it.each(OPERATION_EXAMPLES)('%s', (text) => {
    const first = parseOperations(text);
    expect(first.error).toBeUndefined();
    const printed = printOperations(first.tree!);
    const again = parseOperations(printed);
    expect(again.error).toBeUndefined();
    expect(withoutPositions(again.tree)).toEqual(withoutPositions(first.tree));
    expect(printOperations(again.tree!)).toBe(printed);
    expect(validateOperations(text)).toEqual([]);
  });

  it('prints the canonical layout of each form', () => {
    const { tree } = parseOperations('  (aggregate   mean\n (metric  (cpu mean)(mem max)) ) ');
    expect(printOperations(tree!)).toBe('(aggregate mean (metric (cpu mean) (mem max)))');
    const json = parseOperations('["aggregate","mean",["metric","cpu","mean"]]').tree!;
    expect(printOperations(json)).toBe('["aggregate", "mean", ["metric", "cpu", "mean"]]');
  });

  it('keeps positions of every part', () => {
    const text = '(aggregate mean (metric cpu rate:mean))';
    const { tree } = parseOperations(text);
    const root = tree!.root as Extract<OpNode, { type: 'aggregate' }>;
    expect(text.slice(root.method.from, root.method.to)).toBe('mean');
    expect(text.slice(root.operand.from, root.operand.to)).toBe('(metric cpu rate:mean)');
    const [ref] = metricRefs(tree!);
    expect(text.slice(ref.from, ref.to)).toBe('cpu rate:mean');
  });
});

describe('operations: malformed input is rejected with a position', () => {
  it.each([
    ['(aggregate mean (metric cpu_util mean)', 0, 'never closed'],
    ['(metric cpu mean))', 17, 'no matching'],
    ['(foo (metric cpu mean))', 1, 'Unknown operation "foo"'],
    ['(mean (metric cpu mean))', 1, 'to aggregate series, write (aggregate mean (metric cpu mean))'],
    ['(aggregate mean)', 15, 'Missing the operation to aggregate'],
    ['(metric cpu)', 11, 'Missing the aggregation method after "cpu"'],
    ['(metric)', 7, 'Missing the metric'],
    ['(metric "cpu mean)', 8, 'Unterminated quote'],
    ['(metric "cpu" mean)', 8, 'keeps the quotes'],
    ['(aggregate avg (metric cpu mean))', 11, 'Unknown aggregation method "avg"'],
    ['(aggregate last (metric cpu mean))', 11, 'Unknown aggregation method "last"'],
    ['(metric cpu bogus)', 12, 'Unknown aggregation method "bogus"'],
    ['(resample mean W (metric cpu mean))', 15, 'positive timespan'],
    ['(resample mean 0 (metric cpu mean))', 15, 'positive timespan'],
    ['(rolling mean 1.5 (metric cpu mean))', 14, 'whole number'],
    ['(rolling mean 5)', 15, 'Missing the operation to roll over'],
    ['(metric cpu mean) junk', 18, 'end of the operations'],
    ['metric cpu mean', 0, 'Expected "("'],
    ['', 0, 'Expected an operation'],
    ['()', 0, 'Empty operation'],
    ['(+ 1 2 3)', 7, 'Too many operands'],
    ['(abs)', 4, 'Missing the operand'],
    ['(+ (metric cpu mean))', 20, 'Missing the second operand of +'],
    ['(metric (cpu mean) cpu)', 19, 'pair'],
    ['(metric (cpu mean) (mem))', 23, 'Missing the aggregation method after "mem"'],
    ['(aggregate mean cpu)', 16, 'Expected an operation or a number, found "cpu"'],
    ['(aggregate mean metric)', 16, 'an operation goes in brackets'],
    ['((metric cpu mean))', 1, 'name of an operation first'],
    ['5', 0, 'Expected "("'],
    ['["aggregate", "mean"]', 20, 'Missing the operation to aggregate'],
    ['["metric", "cpu", "mean"', 0, 'Unbalanced ['],
    ['[1,', 3, 'Expected a JSON value'],
    ['["metric", "cpu", "mean"] x', 26, 'end of the text'],
    ['["metric", {"a": 1}, "mean"]', 11, 'found an object'],
    ['["metric", "cpu", "mean", "max"]', 26, 'Too many arguments'],
    ['[3, ["metric", "cpu", "mean"]]', 1, 'name of an operation first'],
    ['["rolling", "mean", 0, ["metric", "cpu", "mean"]]', 20, 'whole number'],
    ['["aggregate", "mean", "cpu"]', 22, 'Expected an operation or a number'],
  ])('%s → error at %d', (text, from, message) => {
    const errors = validateOperations(text);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain(message);
    expect(errors[0].from).toBe(from);
    expect(errors[0].to).toBeGreaterThanOrEqual(from);
    expect(errors[0].to).toBeLessThanOrEqual(Math.max(text.length, 1));
  });
});

describe('metricRefs', () => {
  it('lists names or ids with their aggregation methods, in both forms', () => {
    expect(metricRefsOf('(- (metric (a mean) (b max)) (aggregate sum (metric c rate:mean)))')).toEqual([
      expect.objectContaining({ metric: 'a', aggregation: 'mean' }),
      expect.objectContaining({ metric: 'b', aggregation: 'max' }),
      expect.objectContaining({ metric: 'c', aggregation: 'rate:mean' }),
    ]);
    expect(metricRefsOf('["rolling", "max", 3, ["metric", "my metric", "mean"]]').map((r) => r.metric)).toEqual([
      'my metric',
    ]);
    expect(metricRefsOf('(metric cpu')).toEqual([]);
  });

  it('names the variables used', () => {
    const { tree } = parseOperations('(resample $m ${step:raw} (metric [[name]] $m))');
    expect(operationsVariables(tree!)).toEqual(['m', 'step', 'name']);
  });
});
