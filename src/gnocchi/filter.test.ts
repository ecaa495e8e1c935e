import {
  FilterValueError,
  formatFilterVariable,
  formatJsonFilterVariable,
  isJsonFilter,
  parseFilter,
  quoteFilterValue,
  unquoteVariableReferences,
} from './filter';

// Each expected string below was checked with Gnocchi 4.4.2's own parser
// (QueryStringSearchAttrFilter._parse, Debian python3-gnocchi + pyparsing 3.0.9).
describe('quoteFilterValue', () => {
  it.each([
    ['compute-1', "'compute-1'"],
    ['', "''"],
    ['none', "'none'"],
    ['1', "'1'"],
    ['say "hi"', `'say "hi"'`],
    ["it's", `"it's"`],
    ["x' or host = 'y", `"x' or host = 'y"`],
    ['back\\slash', "'back\\slash'"],
    ['é ∧ ∨ [a]', "'é ∧ ∨ [a]'"],
  ])('%j → %s', (v, expected) => {
    expect(quoteFilterValue(v)).toBe(expected);
  });

  it('refuses values that cannot be written', () => {
    expect(() => quoteFilterValue(`it's "x"`)).toThrow(FilterValueError);
    expect(() => quoteFilterValue(`it's "x"`)).toThrow(/both ' and "/);
    expect(() => quoteFilterValue('a\nb')).toThrow(/line break/);
    expect(() => quoteFilterValue('a\rb')).toThrow(/line break/);
  });
});

describe('formatFilterVariable', () => {
  it('quotes a single value', () => {
    expect(formatFilterVariable('compute-1')).toBe("'compute-1'");
    expect(`host = ${formatFilterVariable("o'brien")}`).toBe(`host = "o'brien"`);
  });

  it('turns a multi-value into an in-list', () => {
    expect(`host in ${formatFilterVariable(['a', "b'c", 'd"e'])}`).toBe(`host in ['a', "b'c", 'd"e']`);
  });

  it('uses a list for a multi variable with one value', () => {
    expect(formatFilterVariable(['a'])).toBe("['a']");
    expect(formatFilterVariable('a', { name: 'host', multi: true })).toBe("['a']");
    expect(formatFilterVariable('a', { name: 'host', includeAll: true })).toBe("['a']");
    expect(formatFilterVariable('a', { name: 'host', multi: false })).toBe("'a'");
  });

  it('formats numbers as strings', () => {
    expect(formatFilterVariable(2)).toBe("'2'");
    expect(formatFilterVariable([1, 2])).toBe("['1', '2']");
  });

  it('names the variable in errors', () => {
    expect(() => formatFilterVariable([], { name: 'host' })).toThrow('Variable $host: no value selected');
    expect(() => formatFilterVariable(`'"`, 'host')).toThrow(/^Variable \$host: Value/);
    expect(() => formatFilterVariable(['ok', `'"`])).toThrow(FilterValueError);
  });

  it('works as a Grafana format function over a whole filter', () => {
    const values: Record<string, string | string[]> = { host: ['c1', 'c2'], project: "p'1" };
    const filter = 'host in $host and project_id = ${project}';
    const out = filter.replace(/\$\{?(\w+)\}?/g, (_m, name: string) => formatFilterVariable(values[name], { name }));
    expect(out).toBe(`host in ['c1', 'c2'] and project_id = "p'1"`);
  });
});

describe('formatJsonFilterVariable', () => {
  it('yields JSON literals', () => {
    expect(formatJsonFilterVariable('a"b')).toBe('"a\\"b"');
    expect(formatJsonFilterVariable(['a', "b'c"])).toBe('["a","b\'c"]');
    expect(formatJsonFilterVariable('a', { multi: true })).toBe('["a"]');
    expect(JSON.parse(`{"in": {"host": ${formatJsonFilterVariable(['x', 'y"z'])}}}`)).toEqual({
      in: { host: ['x', 'y"z'] },
    });
  });
});

describe('unquoteVariableReferences', () => {
  it('removes quotes around whole references', () => {
    expect(unquoteVariableReferences(`host = "$host" and id = '\${id}' and x = "[[x]]"`)).toBe(
      'host = $host and id = ${id} and x = [[x]]'
    );
  });
  it('keeps references inside longer literals, formats, and mixed quotes', () => {
    const s = `name like 'web-$env%' and a = "\${a:raw}" and b = '$b"`;
    expect(unquoteVariableReferences(s)).toBe(s);
  });
});

describe('isJsonFilter / parseFilter', () => {
  it('classifies', () => {
    expect(isJsonFilter('  {"=": {"host": "a"}}')).toBe(true);
    expect(isJsonFilter("host = 'a'")).toBe(false);
    expect(parseFilter('')).toEqual({ kind: 'empty' });
    expect(parseFilter('   ')).toEqual({ kind: 'empty' });
    expect(parseFilter(undefined)).toEqual({ kind: 'empty' });
    expect(parseFilter(" host = 'a' ")).toEqual({ kind: 'string', value: "host = 'a'" });
    expect(parseFilter(' {"=": {"host": "a"}} ')).toEqual({ kind: 'json', value: { '=': { host: 'a' } } });
    expect(parseFilter('{}')).toEqual({ kind: 'json', value: {} });
  });

  it('reports invalid JSON clearly', () => {
    expect(() => parseFilter('{"=": {"host": }}')).toThrow(/^Invalid JSON in resource search: /);
  });
});
