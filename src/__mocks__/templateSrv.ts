import type { TemplateSrvLike } from '../query/interpolate';
import { HostTemplateSrv } from '../testing/grafanaTemplateSrv';

/**
 * Grafana's TemplateSrv behaviour (see grafanaTemplateSrv.ts, also used by the playground host) for
 * fixed custom variables; an array value is a multi-value variable.
 */
export function fakeTemplateSrv(vars: Record<string, string | string[]>): TemplateSrvLike {
  return new HostTemplateSrv(
    Object.entries(vars).map(([name, value]) => ({
      name,
      multi: Array.isArray(value),
      options: Array.isArray(value) ? value : [value],
      current: value,
    }))
  );
}
