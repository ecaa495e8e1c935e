import { completeSearch, highlightSearch } from '.';

const ctx = {
  attributes: ['host', 'flavor_name', 'display_name'],
  values: (attr: string) => (attr === 'host' ? ['compute1', "o'neil"] : ['m1.small']),
  variables: ['hosts'],
};

function labels(text: string, offset = text.length) {
  return completeSearch(text, offset, ctx).map((i) => i.label);
}

describe('completeSearch (string form)', () => {
  it('offers attributes, operators, values and boolean keywords in turn', () => {
    expect(labels('')).toEqual(['host', 'flavor_name', 'display_name', 'not', '$hosts']);
    expect(labels('fl')).toEqual(['flavor_name']);
    expect(labels('host ')).toEqual(expect.arrayContaining(['=', '!=', 'like', 'in', '≥']));
    expect(labels('host ')).not.toContain('==');
    expect(labels('host = ')).toEqual(['compute1', "o'neil", 'null', 'true', 'false', '$hosts']);
    expect(labels("host = 'comp")).toEqual(['compute1']);
    expect(labels("host = 'compute1' ")).toEqual(['and', 'or']);
    expect(labels("host = 'compute1' and not (fl")).toEqual(['flavor_name']);
    expect(labels('flavor_name = ')).toContain('m1.small');
    expect(labels('host in $h')).toEqual(['$hosts']);
  });

  it('inserts quoted values, and lists after in', () => {
    const [a, b] = completeSearch('host = ', 7, ctx);
    expect(a).toMatchObject({ insertText: "'compute1'", range: { from: 7, to: 7 } });
    expect(b.insertText).toBe(`"o'neil"`);
    expect(completeSearch('host in ', 8, ctx)[0]).toMatchObject({ insertText: "['compute1']" });
    expect(labels("host in ['compute1', ")).toContain("o'neil");
    const typed = completeSearch("host = 'co and x = 1", 10, ctx)[0];
    expect(typed).toMatchObject({ label: 'compute1', range: { from: 7, to: 10 } });
  });

  it('replaces the word under the cursor', () => {
    expect(completeSearch('hos = 1', 2, ctx)[0]).toMatchObject({ label: 'host', range: { from: 0, to: 3 } });
  });
});

describe('completeSearch (JSON form)', () => {
  it('offers operators as keys of filter objects, attributes in conditions, values after them', () => {
    expect(labels('{"')).toEqual(expect.arrayContaining(['=', 'like', 'in', 'and', 'or', 'not']));
    expect(completeSearch('{', 1, ctx)[0]).toMatchObject({ label: '=', insertText: '"="' });
    expect(labels('{"=": {"')).toEqual(['host', 'flavor_name', 'display_name']);
    expect(labels('{"and": [{"like": {"d')).toEqual(['display_name']);
    expect(labels('{"=": {"host": ')).toEqual(['compute1', "o'neil", '$hosts']);
    expect(completeSearch('{"in": {"host": ', 16, ctx)[0].insertText).toBe('["compute1"]');
    expect(completeSearch('{"=": {"host": "c', 17, ctx)[0]).toMatchObject({
      label: 'compute1',
      range: { from: 16, to: 17 },
    });
    expect(labels('{"not": {"')).toContain('=');
  });
});

describe('highlightSearch', () => {
  const show = (text: string) => highlightSearch(text).map((t) => `${text.slice(t.from, t.to)}:${t.type}`);

  it('types attributes, operators, values, keywords and variables', () => {
    expect(show("not (host = 'a' or vcpus >= 2) and id in [$ids, null] x")).toEqual([
      'not:keyword', '(:delimiter', 'host:attribute', '=:operator', "'a':string", 'or:keyword', 'vcpus:attribute',
      '>=:operator', '2:number', '):delimiter', 'and:keyword', 'id:attribute', 'in:operator', '[:delimiter',
      '$ids:variable', ',:delimiter', 'null:constant', ']:delimiter', 'x:invalid',
    ]); // prettier-ignore
  });

  it('types the JSON form', () => {
    expect(show('{"in": {"host": $hosts}, "x": "$v", 1: "unterminated')).toEqual([
      '{:delimiter', '"in":operator', '::delimiter', '{:delimiter', '"host":attribute', '::delimiter',
      '$hosts:variable', '}:delimiter', ',:delimiter', '"x":attribute', '::delimiter', '"$v":variable',
      ',:delimiter', '1:number', '::delimiter', '"unterminated:invalid',
    ]); // prettier-ignore
  });
});
