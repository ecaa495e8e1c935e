import { OPERATION_EXAMPLES, SEARCH_EXAMPLES } from './__fixtures__/examples';
import { convertSearch, FilterNode, parseSearch, printSearch, Term } from './filter';
import { convertOperations, OpNode, parseOperations, printOperations, wordsOf } from './operations';

/** What Gnocchi receives from operations: the words' values, numbers as numbers. */
function operationsValue(n: OpNode) {
  return wordsOf(n).map(({ word, role }) =>
    role === 'number' || role === 'window'
      ? Number.isNaN(Number(word.value))
        ? word.value
        : Number(word.value)
      : word.value
  );
}

function termValue(t: Term): unknown {
  return t.type === 'list' ? t.items.map(termValue) : t.type === 'number' ? Number(t.value) : t.value;
}

/** What Gnocchi reads from a search (== as =, a one-operand and/or as its operand). */
function searchValue(n: FilterNode): unknown {
  switch (n.type) {
    case 'all':
      return {};
    case 'condition':
      return [n.op.value === '==' ? '=' : n.op.value, termValue(n.attr), termValue(n.value)];
    case 'not':
      return { not: searchValue(n.operand) };
    case 'bool':
      return n.args.length === 1 ? searchValue(n.args[0]) : { [n.op.value]: n.args.map(searchValue) };
  }
}

describe('operations: string ↔ JSON', () => {
  it.each(OPERATION_EXAMPLES)('%s', (text) => {
    const tree = parseOperations(text).tree!;
    const other = tree.form === 'json' ? 'string' : 'json';
    let converted;
    try {
      converted = convertOperations(tree, other);
    } catch (e) {
      // only names with blanks, brackets or quotes have no s-expression
      expect((e as Error).message).toContain('cannot be written in the string form');
      return;
    }
    const printed = printOperations(converted);
    const reparsed = parseOperations(printed);
    expect(reparsed.error).toBeUndefined();
    expect(reparsed.tree!.form).toBe(other);
    expect(operationsValue(reparsed.tree!.root)).toEqual(operationsValue(tree.root));
    const back = parseOperations(printOperations(convertOperations(reparsed.tree!, tree.form))).tree!;
    expect(operationsValue(back.root)).toEqual(operationsValue(tree.root));
  });

  it('writes names as JSON strings and numbers as numbers', () => {
    const tree = parseOperations('(rolling mean $w (* (metric cpu rate:mean) 1e3))').tree!;
    expect(printOperations(convertOperations(tree, 'json'))).toBe(
      '["rolling", "mean", $w, ["*", ["metric", "cpu", "rate:mean"], 1e3]]'
    );
    const json = parseOperations('["metric", "my metric", "mean"]').tree!;
    expect(() => convertOperations(json, 'string')).toThrow('"my metric" cannot be written in the string form');
  });
});

describe('searches: string ↔ JSON', () => {
  it.each(SEARCH_EXAMPLES)('%s', (text) => {
    const tree = parseSearch(text).tree!;
    const other = tree.form === 'json' ? 'string' : 'json';
    let printed;
    try {
      printed = printSearch(convertSearch(tree, other));
    } catch (e) {
      expect((e as Error).message).toContain('{} (every resource) inside a filter has no string form');
      return;
    }
    const reparsed = parseSearch(printed);
    expect(reparsed.error).toBeUndefined();
    expect(reparsed.tree!.form).toBe(other === 'string' && !printed.trim() ? 'string' : other);
    expect(searchValue(reparsed.tree!.root)).toEqual(searchValue(tree.root));
    const back = parseSearch(printSearch(convertSearch(reparsed.tree!, tree.form))).tree!;
    expect(searchValue(back.root)).toEqual(searchValue(tree.root));
  });

  it('keeps types and quotes what the string form needs', () => {
    const tree = parseSearch('{"and": [{"==": {"notes": "it\'s"}}, {"in": {"host": $hosts}}, {"=": {"n": 1}}]}').tree!;
    expect(printSearch(convertSearch(tree, 'string'))).toBe(`'notes' = "it's" and host in $hosts and n = 1`);
    const str = parseSearch("host = compute1 and id in ['a'] or not x = True").tree!;
    expect(printSearch(convertSearch(str, 'json'))).toBe(
      '{"or": [{"and": [{"=": {"host": "compute1"}}, {"in": {"id": ["a"]}}]}, {"not": {"=": {"x": true}}}]}'
    );
  });

  it('says what the string form cannot write', () => {
    expect(() => convertSearch(parseSearch('{"=": {"a": "x\'y\\"z"}}').tree!, 'string')).toThrow('no escapes');
    expect(() => convertSearch(parseSearch('{"and": [{}, {"=": {"a": 1}}]}').tree!, 'string')).toThrow('{} (every');
  });
});
