import { fakeTemplateSrv } from '../__mocks__/templateSrv';
import { parseFilter } from './filter';
import { interpolateStringSearch } from './stringSearch';

const srv = fakeTemplateSrv({
  kind: 'web',
  host: 'c1',
  hosts: ['a', 'b'],
  evil: "x' or '1",
  both: `it's "quoted"`,
  dq: 'say "hi"',
});
const run = (text: string) => interpolateStringSearch(text, (t, format) => srv.replace(t, {}, format));

describe('interpolateStringSearch', () => {
  it('quotes bare references and builds in-lists', () => {
    expect(run('host = $host and host in $hosts')).toBe(`host = 'c1' and host in ['a', 'b']`);
  });

  it('a literal that is exactly a reference is the reference (the old plugin quoted values itself)', () => {
    expect(run(`host = "$host" and id = '\${host}' and x = "[[host]]"`)).toBe(`host = 'c1' and id = 'c1' and x = 'c1'`);
    expect(run(`host in "$hosts"`)).toBe(`host in ['a', 'b']`);
  });

  it('a reference inside a longer literal is rendered inside it and quoted anew', () => {
    expect(run(`display_name like '$kind-%'`)).toBe(`display_name like 'web-%'`);
    expect(run(`display_name like "$kind-%"`)).toBe(`display_name like 'web-%'`);
    expect(run(`name = 'pre-\${host}-post' and host in $hosts`)).toBe(`name = 'pre-c1-post' and host in ['a', 'b']`);
    expect(run(`name = '$dq-x'`)).toBe(`name = 'say "hi"-x'`);
  });

  it('a hostile value never leaves its literal: the search keeps one comparison', () => {
    const out = run(`display_name like '$evil-%'`);
    expect(out).toBe(`display_name like "x' or '1-%"`);
    expect(parseFilter(out)).toEqual({ kind: 'string', value: out });
    expect(() => run(`display_name like '$both-%'`)).toThrow(/both ' and "/);
  });

  it('several values inside a longer literal are an error naming the variable', () => {
    expect(() => run(`name like '$hosts-%'`)).toThrow(/^Variable \$hosts: 2 values \(a, b\) inside a quoted literal/);
  });

  it('plain literals and dollar signs in them are kept; an unterminated literal is left for Gnocchi', () => {
    expect(run(`name = 'cost 5$' and host = $host`)).toBe(`name = 'cost 5$' and host = 'c1'`);
    expect(run(`name = 'open`)).toBe(`name = 'open`);
  });
});
