/**
 * Keys and values for Grafana's ad hoc filter bar: the attributes of the resource types the
 * dashboard's queries use (every type when none is given), and the values of one attribute among
 * those types' resources, read from Gnocchi through the memoized look-ups.
 */
import type { AdHocVariableFilter, MetricFindValue } from '@grafana/data';

import type { LookupApi } from '../api/resources';
import type { GnocchiClient } from '../client';
import { parseFilter } from '../gnocchi/filter';
import { pathSegment } from '../gnocchi/path';
import { migrateQuery } from '../migrations/query';
import type { GnocchiQuery, GnocchiResource } from '../types';
import { andIntoSearch, filterClause } from './adhoc';

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

/** Values of `key` among the resources of `type` matching `search` (every page, only that attribute). */
export async function searchAttributeValues(client: GnocchiClient, type: string, key: string, search: string) {
  const parsed = parseFilter(search);
  const resources = await client.listAll<GnocchiResource>(
    'POST',
    `/v1/search/resource/${pathSegment(type, 'resource type')}`,
    {
      params: { ...(parsed.kind === 'string' ? { filter: parsed.value } : {}), attrs: ['id', key] },
      body: parsed.kind === 'json' ? parsed.value : {},
    }
  );
  return resources
    .map((r) => r[key])
    .filter((v) => v !== null && v !== undefined)
    .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
}

/**
 * Values of `key` among the resources of the queried types that have it. Without other filters,
 * from the memoized look-up; with other filters (the bar's other complete filters), the values of
 * the resources they leave, searched by Gnocchi (filters on attributes a type lacks are skipped).
 */
export async function tagValues(
  lookups: TagLookups,
  key: string,
  queries: GnocchiQuery[] | undefined,
  resolve: (type: string) => string = (t) => t,
  filters: AdHocVariableFilter[] = [],
  search?: (type: string, key: string, search: string) => Promise<string[]>
): Promise<MetricFindValue[]> {
  const types = await typesOf(lookups, queries, resolve);
  const values = await Promise.all(
    types.map(async (t) => {
      const attrs = await lookups.attributes(t);
      if (!attrs.includes(key)) {
        return [];
      }
      const others = filters.filter((f) => f.key !== key && attrs.includes(f.key));
      if (!others.length || !search) {
        return lookups.attributeValues(t, key);
      }
      return search(t, key, andIntoSearch('', others.map(filterClause)));
    })
  );
  return asValues(values.flat());
}
