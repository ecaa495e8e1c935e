/**
 * Resource attributes and group keys as label strings (shared by body parsing and naming).
 */

export function str(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

/** Scalar (string, number, boolean) resource attributes as strings; `metrics`, nulls and objects skipped. */
export function resourceLabels(resource: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(resource)) {
    const v = resource[key];
    if (key !== 'metrics' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      out[key] = str(v);
    }
  }
  return out;
}

/** Group values as label strings (null → "null", objects → JSON). */
export function groupLabels(group: Record<string, unknown>, order?: string[]): Record<string, string> {
  const keys = Object.keys(group);
  if (order && order.length) {
    const rank = (k: string) => {
      const i = order.indexOf(k);
      return i < 0 ? order.length : i;
    };
    keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  }
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = group[k];
    out[k] = v !== null && typeof v === 'object' ? JSON.stringify(v) : str(v);
  }
  return out;
}
