import { completeOperations, highlightOperations } from '.';

const ctx = { metrics: ['cpu', 'memory.usage'], aggregations: ['mean', 'max'], variables: ['host', 'agg'] };

function labels(text: string, offset = text.length) {
  return completeOperations(text, offset, ctx).map((i) => i.label);
}

describe('completeOperations', () => {
  it('offers operations at the start and after an opening bracket', () => {
    expect(labels('')).toEqual(
      expect.arrayContaining(['metric', 'aggregate', 'resample', 'rolling', '+', 'abs', 'clip'])
    );
    expect(completeOperations('', 0)[0]).toMatchObject({ label: 'metric', insertText: '(metric ' });
    expect(labels('(agg')).toEqual(['aggregate']);
    expect(labels('(aggregate mean (r')).toEqual(['resample', 'rolling', 'rateofchange', 'rateofchangesec']);
  });

  it('offers aggregation methods, metric names, windows and variables where they stand', () => {
    expect(labels('(aggregate ')).toEqual(expect.arrayContaining(['mean', 'rate:mean', 'count', '$host', '$agg']));
    expect(labels('(aggregate ')).not.toContain('last');
    expect(labels('(aggregate mean (metric ')).toEqual(['cpu', 'memory.usage', '$host', '$agg']);
    expect(labels('(aggregate mean (metric me')).toEqual(['memory.usage']);
    expect(labels('(metric cpu ')).toEqual(['mean', 'max', '$host', '$agg']);
    expect(labels('(metric (cpu mean) (')).toEqual(['cpu', 'memory.usage', '$host', '$agg']);
    expect(labels('(metric (cpu mean) (memory.usage m')).toEqual(['mean', 'max']);
    expect(labels('(resample ')).toContain('rate:max');
    expect(labels('(resample mean ')).toEqual(['60', '300', '3600', '5m', '1h', '1d', '$__interval', '$host', '$agg']);
    expect(labels('(resample mean 5')).toEqual(['5m']);
    expect(labels('(rolling mean 5 ')).toEqual(expect.arrayContaining(['metric', 'aggregate']));
    expect(labels('(aggregate $a')).toEqual(['$agg']);
  });

  it('replaces the word under the cursor', () => {
    const text = '(aggregate me (metric cpu mean))';
    const [item] = completeOperations(text, 13, ctx);
    expect(item).toMatchObject({ label: 'mean', range: { from: 11, to: 13 } });
    const mid = completeOperations(text, 12, ctx).map((i) => i.label);
    expect(mid).toEqual(['mean', 'median', 'min', 'max']);
    expect(completeOperations(text, 12, ctx)[0].range).toEqual({ from: 11, to: 13 });
  });

  it('completes the JSON form, inside and outside strings', () => {
    expect(completeOperations('["aggregate", "m', 16, ctx).map((i) => i.label)).toEqual([
      'mean',
      'median',
      'min',
      'max',
    ]);
    expect(completeOperations('["aggregate", "m', 16, ctx)[0]).toMatchObject({ range: { from: 15, to: 16 } });
    const outside = completeOperations('["aggregate", "mean", ["metric", ', 33, ctx);
    expect(outside[0]).toMatchObject({ label: 'cpu', insertText: '"cpu"' });
    expect(completeOperations('[', 1, ctx)[0]).toMatchObject({ label: 'metric', insertText: '"metric"' });
  });

  it('offers nothing after a complete expression', () => {
    expect(labels('(metric cpu mean) ')).toEqual([]);
  });
});

describe('highlightOperations', () => {
  it('types each token by its place', () => {
    const text = '(aggregate mean (metric cpu $agg)) ';
    const types = highlightOperations(text).map((t) => `${text.slice(t.from, t.to)}:${t.type}`);
    expect(types).toEqual([
      '(:delimiter',
      'aggregate:keyword',
      'mean:function',
      '(:delimiter',
      'metric:keyword',
      'cpu:metric',
      '$agg:variable',
      '):delimiter',
      '):delimiter',
    ]);
  });

  it('marks unknown operations and stray words as invalid, also in incomplete JSON', () => {
    const text = '(foo (+ (metric cpu mean) x 2) junk';
    const invalid = highlightOperations(text)
      .filter((t) => t.type === 'invalid')
      .map((t) => text.slice(t.from, t.to));
    expect(invalid).toEqual(['foo', 'x', 'junk']);
    const json = '["*", ["metric", "cpu", "mean"], 4';
    expect(highlightOperations(json).map((t) => t.type)).toEqual([
      'delimiter', 'operator', 'delimiter', 'delimiter', 'keyword', 'delimiter', 'metric', 'delimiter', 'function',
      'delimiter', 'delimiter', 'number',
    ]); // prettier-ignore
  });
});
