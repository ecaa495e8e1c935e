/** Query strings of Gnocchi requests: empty values left out, arrays as repeated keys. */
export type Params = Record<string, string | number | boolean | undefined | null | Array<string | number>>;

export function buildQueryString(params?: Params): string {
  if (!params) {
    return '';
  }
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') {
      continue;
    }
    const values = Array.isArray(v) ? v : [v];
    for (const one of values) {
      parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(one))}`);
    }
  }
  return parts.length ? '?' + parts.join('&') : '';
}
