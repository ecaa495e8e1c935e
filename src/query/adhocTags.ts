/**
 * Keys and values for Grafana's ad hoc filter bar: the attributes of the resource types the
 * dashboard's queries use (every type when none is given), and the values of one attribute among
 * those types' resources, read from Gnocchi through the memoized look-ups.
 */
import type { MetricFindValue } from '@grafana/data';

import type { LookupApi } from '../api/resources';
import { migrateQuery } from '../migrations/query';
import type { GnocchiQuery } from '../types';

/** The part of the look-ups used here. */
export type TagLookups = Pick<LookupApi, 'resourceTypes' | 'attributes' | 'attributeValues'>;

/** Attributes the filter bar never offers: not comparable values. */
const NOT_FILTERABLE = ['metrics', 'revision_start', 'revision_end'];

/** Resource types of the queries (resolved by `resolve`, e.g. interpolated); all types without queries. */
async function typesOf(
  lookups: TagLookups,
  queries: GnocchiQuery[] | undefined,
  resolve: (type: string) => string
): Promise<string[]> {
  const types = (queries ?? [])
    .filter((q) => !q.hide)
    .map((q) => migrateQuery(q))
    .filter((q) => (q.queryMode ?? 'resource_search') !== 'metric')
    .map((q) => {
      try {
        return resolve((q.resource_type ?? '').trim() || 'generic');
      } catch {
        return '';
      }
    })
    .filter(Boolean);
  return types.length ? [...new Set(types)] : lookups.resourceTypes();
}

const asValues = (names: Iterable<string>): MetricFindValue[] =>
  [...new Set(names)].sort((a, b) => a.localeCompare(b)).map((text) => ({ text, value: text }));

export async function tagKeys(
  lookups: TagLookups,
  queries: GnocchiQuery[] | undefined,
  resolve: (type: string) => string = (t) => t
): Promise<MetricFindValue[]> {
  const types = await typesOf(lookups, queries, resolve);
  const attrs = await Promise.all(types.map((t) => lookups.attributes(t)));
  return asValues(attrs.flat().filter((a) => !NOT_FILTERABLE.includes(a)));
}

export async function tagValues(
  lookups: TagLookups,
  key: string,
  queries: GnocchiQuery[] | undefined,
  resolve: (type: string) => string = (t) => t
): Promise<MetricFindValue[]> {
  const types = await typesOf(lookups, queries, resolve);
  const having = (
    await Promise.all(types.map(async (t) => ((await lookups.attributes(t)).includes(key) ? t : '')))
  ).filter(Boolean);
  const values = await Promise.all(having.map((t) => lookups.attributeValues(t, key)));
  return asValues(values.flat());
}
