import {
  FilterValueError,
  formatFilterVariable,
  formatJsonFilterVariable,
  interpolateJsonSearch,
  isJsonFilter,
  parseFilter,
  quoteFilterValue,
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

describe('interpolateJsonSearch', () => {
  // A minimal `templateSrv.replace`: `$name` / `${name}` / `[[name]]`, unknown names left alone.
  const replacer =
    (vars: Record<string, string | string[]>, multi: string[] = []) =>
    (text: string, format: (v: string | string[], variable?: unknown) => string) =>
      text.replace(/\$(\w+)|\$\{(\w+)\}|\[\[(\w+)\]\]/g, (m, a, b, c) => {
        const name = a ?? b ?? c;
        return name in vars ? format(vars[name], { name, multi: multi.includes(name) }) : m;
      });
  const run = (text: string, vars: Record<string, string | string[]>, multi: string[] = []) =>
    interpolateJsonSearch(text, replacer(vars, multi));

  it('a quoted reference (the old plugin form) is the value as one JSON string', () => {
    expect(run('{"=": {"host": "$host"}}', { host: 'compute-1' })).toBe('{"=": {"host": "compute-1"}}');
    expect(run('{"=": {"host": "${host}"}}', { host: 'c' })).toBe('{"=": {"host": "c"}}');
    expect(run('{"=": {"host": "[[host]]"}}', { host: 'c' })).toBe('{"=": {"host": "c"}}');
    // a multi-value variable with one selected value
    expect(run('{"=": {"host": "$host"}}', { host: ['c'] }, ['host'])).toBe('{"=": {"host": "c"}}');
  });

  it('under "in" a quoted reference is the list of values; inside an in-list they are spliced', () => {
    expect(run('{"in": {"host": "$hosts"}}', { hosts: ['a', 'b'] }, ['hosts'])).toBe('{"in": {"host": ["a","b"]}}');
    expect(run('{"in": {"host": "$host"}}', { host: 'a' })).toBe('{"in": {"host": ["a"]}}');
    expect(run('{"in": {"host": ["x", "$hosts"]}}', { hosts: ['a', 'b'] })).toBe('{"in": {"host": ["x", "a","b"]}}');
    expect(() => run('{"in": {"host": "$hosts"}}', { hosts: [] }, ['hosts'])).toThrow(
      /^Variable \$hosts: no value selected/
    );
  });

  it('several values where Gnocchi takes one scalar are an error that says to use "in"', () => {
    expect(() => run('{"and": [{"=": {"host": "$hosts"}}]}', { hosts: ['a', 'b'] })).toThrow(
      'Variable $hosts: 2 values (a, b) where the JSON search takes one string (for several, {"in": {"host": "$var"}})'
    );
    expect(() => run('{"like": {"name": "web-$env%"}}', { env: ['a', 'b'] })).toThrow(/^Variable \$env: 2 values/);
  });

  it('inside a longer string or a key, the value is escaped into that string', () => {
    expect(run('{"like": {"name": "web-$env%"}}', { env: 'a"b\\c' })).toBe('{"like": {"name": "web-a\\"b\\\\c%"}}');
    expect(run('{"=": {"$attr": "x"}}', { attr: 'host' })).toBe('{"=": {"host": "x"}}');
    // the template's own escapes are kept when nothing is replaced
    expect(run('{"=": {"name": "a\\u00e9 $unknown"}}', {})).toBe('{"=": {"name": "a\\u00e9 $unknown"}}');
  });

  it('bare references keep the JSON value format; unknown variables stay', () => {
    expect(run('{"in": {"host": $hosts}}', { hosts: ['a', 'b'] })).toBe('{"in": {"host": ["a","b"]}}');
    expect(run('{"=": {"host": $host}}', { host: 'a' })).toBe('{"=": {"host": "a"}}');
    expect(run('{"=": {"host": "$nope"}}', {})).toBe('{"=": {"host": "$nope"}}');
  });

  const hostile = [
    '"}',
    'a", "or": [{}], "x": "',
    'a\\',
    '\\"}, {"!=": {"host": "',
    "x' or '1'='1",
    '\n\u2028',
    '$host',
  ];
  it.each(hostile)('hostile value %j never changes the JSON structure', (value) => {
    for (const [template, expected] of [
      ['{"=": {"host": "$host"}}', { '=': { host: value } }],
      ['{"like": {"host": "pre-$host-post"}}', { like: { host: `pre-${value}-post` } }],
      ['{"=": {"host": $host}}', { '=': { host: value } }],
      ['{"in": {"host": "$hosts"}}', { in: { host: [value, 'ok'] } }],
      ['{"in": {"host": ["$hosts"]}}', { in: { host: [value, 'ok'] } }],
    ] as const) {
      const out = run(template, { host: value, hosts: [value, 'ok'] });
      expect(JSON.parse(out)).toEqual(expected);
    }
  });

  it('malformed text is left for the JSON parser to report', () => {
    expect(run('{"=": {"host": "$host}}', { host: 'a' })).toBe('{"=": {"host": "$host}}');
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
