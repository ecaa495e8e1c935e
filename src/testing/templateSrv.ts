import type { TemplateSrvLike } from '../query/interpolate';

/**
 * Grafana's variable syntax (`$var`, `${var}`, `[[var]]`) with format functions, for fixed
 * variables; a multi-value variable is an array. Enough of Grafana's TemplateSrv for tests.
 */
export function fakeTemplateSrv(vars: Record<string, string | string[]>): TemplateSrvLike {
  return {
    replace(target = '', _scoped, format) {
      return target.replace(/\$(\w+)|\$\{(\w+)\}|\[\[(\w+)\]\]/g, (m, a, b, c) => {
        const name = a ?? b ?? c;
        if (!(name in vars)) {
          return m;
        }
        const value = vars[name];
        if (typeof format === 'function') {
          return format(value, { name, multi: Array.isArray(value) });
        }
        return Array.isArray(value) ? value.join(',') : value;
      });
    },
  };
}
