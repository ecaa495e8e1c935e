/**
 * Variable values in panel queries (src/query/prepare.ts): multi-value, `All` and a custom all
 * value, injection-safe. `AllValueTemplateSrv` does what Grafana's TemplateSrv (and scenes'
 * interpolator) do with `All`: without a custom all value the format receives every option;
 * a custom all value is inserted as the dashboard author wrote it (Grafana skips the format).
 */
import type { ScopedVars } from '@grafana/data';

import type { TemplateSrvLike } from '../query/interpolate';
import { prepareQuery } from '../query/prepare';
import type { GnocchiQuery } from '../types';

interface Var {
  options: string[];
  current: string | string[];
  allValue?: string;
}

class AllValueTemplateSrv implements TemplateSrvLike {
  constructor(private readonly vars: Record<string, Var>) {}
  replace(target?: string, _scoped?: ScopedVars, format?: string | Function): string {
    return (target ?? '').replace(/\$\{(\w+)\}|\$(\w+)/g, (match, a, b) => {
      const name = a ?? b;
      const v = this.vars[name];
      if (!v) {
        return match;
      }
      const all = v.current === '$__all' || (Array.isArray(v.current) && v.current.includes('$__all'));
      if (all && v.allValue) {
        return v.allValue;
      }
      const value = all ? v.options : v.current;
      const variable = { name, multi: Array.isArray(v.current), includeAll: true };
      return typeof format === 'function' ? format(value, variable) : String(value);
    });
  }
}

const HOSTS = ['compute-1', "o'neil", 'c"d', `o'ne"il`];

function search(resource_search: string, v: Var) {
  const q: GnocchiQuery = { refId: 'A', queryMode: 'resource_search', resource_type: 'instance', resource_search };
  return prepareQuery(q, new AllValueTemplateSrv({ host: v })).resource_search;
}

describe('variable values in panel searches', () => {
  it('multi-value: an in-list, each value quoted so it cannot leave its literal', () => {
    expect(search('host in $host', { options: HOSTS, current: ['compute-1', "x' or host != 'y"] })).toBe(
      `host in ['compute-1', "x' or host != 'y"]`
    );
    expect(search('{"in": {"host": "$host"}}', { options: HOSTS, current: ['a', '"]}, {"or": ['] })).toBe(
      '{"in": {"host": ["a","\\"]}, {\\"or\\": ["]}}'
    );
  });

  it('All without a custom all value: every option', () => {
    expect(search('host in $host', { options: ['compute-1', "o'neil"], current: '$__all' })).toBe(
      `host in ['compute-1', "o'neil"]`
    );
    expect(JSON.parse(search('{"in": {"host": "$host"}}', { options: HOSTS, current: ['$__all'] }) ?? '')).toEqual({
      in: { host: HOSTS },
    });
  });

  it('All with a value that no string filter can express: a readable error, never a wider search', () => {
    expect(() => search('host in $host', { options: HOSTS, current: '$__all' })).toThrow(
      /Variable \$host: .*both ' and "/
    );
  });

  it("a custom all value is the dashboard author's text, inserted as written (Grafana does not format it)", () => {
    const v = { options: HOSTS, allValue: "['compute-1', 'compute-2']" };
    expect(search('host in $host', { ...v, current: '$__all' })).toBe("host in ['compute-1', 'compute-2']");
    // a value picked from a variable with All is a list too (multi / include-all variables → in-lists)
    expect(search('host in $host', { ...v, current: "o'neil" })).toBe(`host in ["o'neil"]`);
  });
});
