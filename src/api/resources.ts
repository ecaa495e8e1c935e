/**
 * Look-ups for the editors and variables: one method per look-up, memoized per data source
 * instance (opening an editor twice costs no new request; a failed look-up is not cached), and an
 * empty answer without any request when an upstream pick is missing. Listings of resources read
 * one page with only the attributes needed (`attrs`), so a type with thousands of resources stays
 * cheap; values are searched on the server (`like`) as the user types.
 */
import type { GnocchiClient } from '../client';
import { pathSegment } from '../gnocchi/path';
import type { GnocchiArchivePolicy, GnocchiMetric, GnocchiResource } from '../types';

/** Attributes every resource has (Gnocchi's `generic` type). */
export const GENERIC_ATTRIBUTES = [
  'id',
  'original_resource_id',
  'project_id',
  'user_id',
  'creator',
  'created_by_user_id',
  'created_by_project_id',
  'started_at',
  'ended_at',
];

/** Resources read by one look-up (one page). */
export const LOOKUP_PAGE = 1000;

interface ResourceTypeDoc {
  name: string;
  attributes?: Record<string, { type?: string }>;
}

function asList<T>(body: unknown, what: string): T[] {
  if (!Array.isArray(body)) {
    throw new Error(`Gnocchi answered the ${what} look-up with something that is not a list`);
  }
  return body as T[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

export class LookupApi {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(private readonly client: GnocchiClient) {}

  private memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
    }
    return p;
  }

  /** Names of the resource types. */
  resourceTypes(): Promise<string[]> {
    return this.memo('types', async () => {
      const types = asList<ResourceTypeDoc>(await this.client.request('GET', '/v1/resource_type'), 'resource type');
      return sorted(types.map((t) => t.name));
    });
  }

  /** Attributes of a resource type: the generic ones, then the type's own. */
  attributes(type: string): Promise<string[]> {
    if (!type.trim()) {
      return Promise.resolve([]);
    }
    return this.memo(`attributes:${type}`, async () => {
      const doc = await this.client.request<ResourceTypeDoc>(
        'GET',
        `/v1/resource_type/${pathSegment(type, 'resource type')}`
      );
      return [...GENERIC_ATTRIBUTES, ...sorted(Object.keys(doc?.attributes ?? {}))];
    });
  }

  /** Archive policies (granularities and aggregation methods). */
  archivePolicies(): Promise<GnocchiArchivePolicy[]> {
    return this.memo('policies', async () =>
      asList<GnocchiArchivePolicy>(await this.client.request('GET', '/v1/archive_policy'), 'archive policy')
    );
  }

  /** Every aggregation method of the archive policies. */
  async aggregationMethods(): Promise<string[]> {
    return sorted((await this.archivePolicies()).flatMap((p) => p.aggregation_methods ?? []));
  }

  /** Metric names of the resources of a type (one page of resources, only their `metrics` maps). */
  metricNames(type: string): Promise<string[]> {
    if (!type.trim()) {
      return Promise.resolve([]);
    }
    return this.memo(`metrics:${type}`, async () => {
      const resources = asList<GnocchiResource>(
        await this.client.request('POST', `/v1/search/resource/${pathSegment(type, 'resource type')}`, {
          params: { limit: LOOKUP_PAGE, attrs: ['id', 'metrics'] },
          body: {},
        }),
        'metric name'
      );
      return sorted(resources.flatMap((r) => Object.keys(r.metrics ?? {})));
    });
  }

  /** Values of one attribute among the resources of a type, starting with `prefix` (searched by Gnocchi). */
  attributeValues(type: string, attribute: string, prefix = ''): Promise<string[]> {
    if (!type.trim() || !attribute.trim()) {
      return Promise.resolve([]);
    }
    return this.memo(`values:${type}:${attribute}:${prefix}`, async () => {
      const pattern = prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
      const resources = asList<GnocchiResource>(
        await this.client.request('POST', `/v1/search/resource/${pathSegment(type, 'resource type')}`, {
          params: { limit: LOOKUP_PAGE, attrs: ['id', attribute] },
          body: prefix ? { like: { [attribute]: pattern } } : {},
        }),
        'attribute value'
      );
      const values = resources.map((r) => r[attribute]).filter((v) => v !== null && v !== undefined);
      return sorted(values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))));
    });
  }

  /** The archive policy of the metrics named `metric` (read from one of them; undefined when none). */
  metricPolicy(metric: string): Promise<GnocchiArchivePolicy | undefined> {
    if (!metric.trim()) {
      return Promise.resolve(undefined);
    }
    return this.memo(`policy:${metric}`, async () => {
      const first = await this.firstMetric({ name: metric });
      if (first?.archive_policy) {
        return first.archive_policy;
      }
      const name = first?.archive_policy_name;
      return name ? (await this.archivePolicies()).find((p) => p.name === name) : undefined;
    });
  }

  /** Metric names of the resources of a type matching a string filter (the whole type when blank). */
  matchingMetricNames(type: string, filter: string): Promise<string[]> {
    if (!type.trim() || !filter.trim()) {
      return this.metricNames(type);
    }
    return this.memo(`metrics:${type}:${filter}`, async () => {
      // Without a body, Gnocchi reads the string filter of the `filter` parameter.
      const resources = asList<GnocchiResource>(
        await this.client.request('POST', `/v1/search/resource/${pathSegment(type, 'resource type')}`, {
          params: { limit: LOOKUP_PAGE, attrs: ['id', 'metrics'], filter },
        }),
        'metric name'
      );
      return sorted(resources.flatMap((r) => Object.keys(r.metrics ?? {})));
    });
  }

  /** Is the archive policy of the metrics named `name` known (no request needed)? */
  knowsMetricPolicy(name: string): boolean {
    return this.cache.has(`policy:${name}`);
  }

  /** The archive policy of one metric by id (the metric listing filtered by id, which embeds the policy). */
  metricPolicyById(id: string): Promise<GnocchiArchivePolicy | undefined> {
    return this.memo(
      `policy-id:${id}`,
      async () => (await this.firstMetric({ id: pathSegment(id, 'metric id') }))?.archive_policy
    );
  }

  /** The first metric of the metric listing filtered by `params` (its document embeds the archive policy). */
  private async firstMetric(params: Record<string, string>): Promise<GnocchiMetric | undefined> {
    const [first] = asList<GnocchiMetric>(
      await this.client.request('GET', '/v1/metric', { params: { ...params, limit: 1 } }),
      'metric'
    );
    return first;
  }

  /**
   * The archive policies of every metric of one resource (`GET /v1/resource/<type>/<id>/metric`), by
   * name; they also answer `metricPolicy` for those names (a regex panel learns all its names at once).
   */
  resourceMetricPolicies(type: string, id: string): Promise<Record<string, GnocchiArchivePolicy>> {
    return this.memo(`policy-resource:${type}:${id}`, async () => {
      const path = `/v1/resource/${pathSegment(type, 'resource type')}/${pathSegment(id, 'resource id')}/metric`;
      const metrics = asList<GnocchiMetric>(await this.client.request('GET', path), 'metric');
      const out: Record<string, GnocchiArchivePolicy> = {};
      for (const m of metrics) {
        if (m?.name && m.archive_policy) {
          out[m.name] = m.archive_policy;
          if (!this.knowsMetricPolicy(m.name)) {
            this.cache.set(`policy:${m.name}`, Promise.resolve(m.archive_policy));
          }
        }
      }
      return out;
    });
  }
}
