/**
 * One path segment of a Gnocchi URL from user input (ids, resource type names). Percent-encoding
 * alone is not enough: `.` and `..` survive `encodeURIComponent` and are resolved by the URL
 * parser of the browser (and of proxies), so `/v1/metric/../resource` would reach another endpoint.
 */
export class PathSegmentError extends Error {}

export function pathSegment(value: string, what: string): string {
  const v = value.trim();
  if (!v) {
    throw new PathSegmentError(`The ${what} is empty`);
  }
  if (v === '.' || v === '..') {
    throw new PathSegmentError(`The ${what} "${v}" is not valid: "." and ".." cannot be ids or names in Gnocchi`);
  }
  return encodeURIComponent(v);
}
