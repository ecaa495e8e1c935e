import { withoutPositions } from '../common';
import { SEARCH_EXAMPLES } from '../__fixtures__/examples';
import {
  conditionsOf,
  FilterNode,
  parseSearch,
  printSearch,
  searchAttributes,
  searchVariables,
  validateSearch,
} from '.';

describe('search: examples round-trip', () => {
  it.each(SEARCH_EXAMPLES)('%s', (text) => {
    const first = parseSearch(text);
    expect(first.error).toBeUndefined();
    const printed = printSearch(first.tree!);
    const again = parseSearch(printed);
    expect(again.error).toBeUndefined();
    expect(withoutPositions(again.tree!.root)).toEqual(withoutPositions(first.tree!.root));
    expect(printSearch(again.tree!)).toBe(printed);
    expect(validateSearch(text)).toEqual([]);
  });

  it('reads precedence as Gnocchi does: not > and > ∧ > or > ∨', () => {
    const { tree } = parseSearch('not a = 1 and b = 2 or c = 3');
    expect(printSearch(tree!)).toBe('not a = 1 and b = 2 or c = 3');
    const root = tree!.root as Extract<FilterNode, { type: 'bool' }>;
    expect(root.op.value).toBe('or');
    expect(root.args[0]).toMatchObject({ type: 'bool', op: { value: 'and' }, args: [{ type: 'not' }, {}] });
    const nested = parseSearch('a = 1 and (b = 2 and c = 3)').tree!;
    expect(printSearch(nested)).toBe('a = 1 and (b = 2 and c = 3)');
  });

  it('keeps values as Gnocchi reads them, with positions', () => {
    const text = "host = 'a b' and vcpus >= 2 and x = none";
    const [a, b, c] = conditionsOf(parseSearch(text).tree!);
    expect(a.value).toMatchObject({ type: 'string', value: 'a b', raw: "'a b'" });
    expect(text.slice(a.value.from, a.value.to)).toBe("'a b'");
    expect(b.value).toMatchObject({ type: 'number', value: 2 });
    expect(text.slice(b.op.from, b.op.to)).toBe('>=');
    expect(c.value).toMatchObject({ type: 'null', value: null });
  });

  it('lists attributes and variables', () => {
    const tree = parseSearch("host = $host and (flavor_name in ${flavors:csv} or 'x' = 'web-[[env]]')").tree!;
    expect(searchAttributes(tree)).toEqual(['host', 'flavor_name', 'x']);
    expect(searchVariables(tree)).toEqual(['host', 'flavors', 'env']);
  });
});

describe('search: malformed input is rejected with a position', () => {
  it.each([
    ["host = 'a' and (flavor = 'b'", 15, 'never closed'],
    ["host = 'a')", 10, 'end of the filter'],
    ["host in 'a'", 8, '"in" takes a list'],
    ['host in a', 8, '"in" takes a list'],
    ['host in []', 8, 'at least one value'],
    ["host in [['a']]", 9, 'found a list'],
    ["host in ['a' 'b']", 13, 'Expected "," or "]"'],
    ["host in ['a', 'b'", 8, 'never closed'],
    ["host = 'abc", 7, 'Unterminated string'],
    ['host = "a\nb"', 7, 'Unterminated string'],
    ["host == 'a'", 5, 'no "=="'],
    [
      'host = compute-1',
      14,
      `Expected "and", "or" or the end of the filter, found "-1": quote values that are not plain names or numbers ('compute-1')`,
    ],
    ['started_at >= 2024-01-01', 18, "('2024-01-01')"],
    ['(host = web-1.example)', 11, "('web-1.example')"],
    ["host 'a'", 5, 'Expected an operator'],
    ['name = nonexistent', 7, 'as none'],
    ['enabled = trueish', 10, 'as true'],
    ["notes = 'x'", 0, '"not es"'],
    ['a = 1 order = 2', 6, '"or der"'],
    ["host = 'a' AND x = 1", 11, 'Expected "and", "or"'],
    ["host = ['a']", 7, 'takes one value'],
    ["id like 'x%'", 0, '"like" is not allowed on id'],
    ['host =', 6, 'Expected a value'],
    ["1 = 'a'", 0, 'Expected an attribute name'],
    ["host = 'a' and", 14, 'Expected a condition'],
    ['not', 3, 'Expected a condition'],
    ['(', 1, 'Expected a condition'],
    ['{"=": {"host": "a"}, "or": []}', 21, 'One operator per object'],
    ['{"foo": {"a": 1}}', 1, 'Unknown operator "foo"'],
    ['{"in": {"host": "a"}}', 16, '"in" takes a list'],
    ['{"in": {"host": []}}', 16, 'at least one value'],
    ['{"and": {}}', 8, 'takes a list of filters'],
    ['{"or": []}', 7, 'at least one filter'],
    ['{"=": {}}', 6, 'exactly one attribute'],
    ['{"=": {"a": 1, "b": 2}}', 15, 'exactly one attribute'],
    ['{"=": {"host": {"x": 1}}}', 15, 'found an object'],
    ['{"=": {"host": ["a"]}}', 15, 'takes one value'],
    ['{"=": ', 6, 'Expected a JSON value'],
    ['{"=": {"host": "a}}', 15, 'Unterminated string'],
    ['{"like": {"id": "x"}}', 10, 'not allowed on id'],
    ['{"not": [{}]}', 8, 'Expected a filter object'],
    ['{"and": [1]}', 9, 'Expected a filter object'],
    ["{'=': {'host': 'a'}}", 1, 'key in double quotes'],
    // Gnocchi answers 500 to these (ResourceUUID of a number, null or boolean)
    ['id = null', 5, 'Expected a resource id'],
    ["id in ['a', 1]", 12, 'Expected a resource id'],
    ['{"in": {"id": ["a", null]}}', 20, 'Expected a resource id'],
  ])('%s → error at %d', (text, from, message) => {
    const errors = validateSearch(text);
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain(message);
    expect(errors[0].from).toBe(from);
    expect(errors[0].to).toBeGreaterThanOrEqual(from);
    expect(errors[0].to).toBeLessThanOrEqual(text.length);
  });
});
