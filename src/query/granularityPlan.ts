/**
 * The granularity a panel asks Gnocchi for (see `gnocchi/plan.ts` for the rule), from the archive
 * policies of the metrics it reads. The policies come from the data source instance's look-ups,
 * memoized and shared by every panel of the dashboard (`api/resources.ts`):
 *   - a metric name (dynamic aggregates, resource modes): `GET /v1/metric?name=<name>&limit=1`, once per name;
 *   - a metric id (metric mode, operations over ids): `GET /v1/metric?id=<id>&limit=1`, once per id;
 *   - a metric regex: the names come from the panel's own resource search; one
 *     `GET /v1/resource/<type>/<id>/metric` on the resource with the most of them learns them all.
 * Anything unknown (a wildcard, a failed look-up, a metric without policy) means no plan: the request
 * goes without `granularity` as before. When Gnocchi says a metric lacks the planned granularity
 * (same-named metrics with different policies), the request is sent again without it.
 */
import type { GnocchiArchivePolicy, GnocchiResource } from '../types';
import {
  Archive,
  archivesOf,
  commonArchives,
  GranularityPlan,
  PanelShape,
  planGranularity,
  planLegacy,
} from '../gnocchi/plan';
import { RequestError } from '../http/errors';
import type { GnocchiRequest } from './requests';

export interface PolicyLookups {
  metricPolicy(name: string): Promise<GnocchiArchivePolicy | undefined>;
  metricPolicyById(id: string): Promise<GnocchiArchivePolicy | undefined>;
  resourceMetricPolicies(type: string, id: string): Promise<Record<string, GnocchiArchivePolicy>>;
  knowsMetricPolicy(name: string): boolean;
}

/** What a runner needs to plan: the look-ups, the panel, and whether the query was saved by 1.x. */
export interface DrawContext {
  lookups: PolicyLookups;
  panel: PanelShape;
  legacy: boolean;
}

const WILDCARD = /[*?[\]]/;

/**
 * Look-up failures. Keystone's or an authentication failure is the panel's error at once (its own request
 * would ask for a token again). Anything else means no plan: the panel's request goes as before and
 * meets, and names, its own failure (CORS, network, timeout). Gnocchi's refusals (403 for a non-admin
 * listing, 404, an odd body) are remembered: not asked again by this instance.
 */
function unknownUnlessFatal(e: unknown): undefined {
  if (e instanceof RequestError && (e.service === 'Keystone' || e.kind === 'auth')) {
    throw e;
  }
  return undefined;
}

/** Gnocchi answered the look-up, with a refusal or something unreadable. */
const isRefusal = (e: unknown) =>
  !(e instanceof RequestError) || (e.service === 'Gnocchi' && (e.kind === 'http' || e.kind === 'parse'));

/** Keys whose look-up Gnocchi refused, per look-up instance: not asked again (no plan for them). */
const refused = new WeakMap<PolicyLookups, Set<string>>();

function refusedOf(lookups: PolicyLookups): Set<string> {
  let set = refused.get(lookups);
  if (!set) {
    set = new Set();
    refused.set(lookups, set);
  }
  return set;
}

/** The policies of `keys`; undefined as soon as one was refused before (no request) or is now. */
async function policiesOf(
  lookups: PolicyLookups,
  keys: string[],
  load: (key: string) => Promise<GnocchiArchivePolicy | undefined>
): Promise<Archive[] | undefined> {
  const no = refusedOf(lookups);
  if (keys.some((k) => no.has(k))) {
    return undefined;
  }
  return archivesOfPolicies(
    keys.map((k) =>
      load(k).catch((e) => {
        unknownUnlessFatal(e);
        if (isRefusal(e)) {
          no.add(k);
        }
        return undefined;
      })
    )
  );
}

async function archivesOfPolicies(
  loads: Array<Promise<GnocchiArchivePolicy | undefined>>
): Promise<Archive[] | undefined> {
  const policies = await Promise.all(loads.map((p) => p.catch(unknownUnlessFatal)));
  if (!policies.length || policies.some((p) => !p)) {
    return undefined;
  }
  return commonArchives(policies.map((p) => archivesOf(p!)));
}

/** The archives every named metric has; undefined when one is unknown. */
export function archivesForNames(lookups: PolicyLookups, names: string[]): Promise<Archive[] | undefined> {
  if (!names.length || names.some((n) => !n || WILDCARD.test(n))) {
    return Promise.resolve(undefined);
  }
  return policiesOf(lookups, [...new Set(names)], (n) => lookups.metricPolicy(n));
}

/** The archives every metric id has. */
export function archivesForIds(lookups: PolicyLookups, ids: string[]): Promise<Archive[] | undefined> {
  return ids.length
    ? policiesOf(
        lookups,
        [...new Set(ids)].map((id) => `id:${id}`),
        (k) => lookups.metricPolicyById(k.slice(3))
      )
    : Promise.resolve(undefined);
}

/**
 * Names found on `resources` (a regex panel): unknown names are learned from the resource that has
 * most of them (one request); names still unknown after it mean no plan rather than more requests.
 */
export async function archivesForFoundNames(
  lookups: PolicyLookups,
  type: string,
  resources: GnocchiResource[],
  names: string[]
): Promise<Archive[] | undefined> {
  const unknown = names.filter((n) => !lookups.knowsMetricPolicy(n));
  if (unknown.length) {
    let best: GnocchiResource | undefined;
    let bestCount = 0;
    for (const r of resources) {
      const count = unknown.filter((n) => r.metrics && n in r.metrics).length;
      if (count > bestCount) {
        best = r;
        bestCount = count;
      }
    }
    if (!best) {
      return undefined;
    }
    const key = `resource:${type}:${best.id}`;
    const no = refusedOf(lookups);
    if (no.has(key)) {
      return undefined;
    }
    await lookups.resourceMetricPolicies(type, best.id).catch((e) => {
      unknownUnlessFatal(e);
      if (isRefusal(e)) {
        no.add(key);
      }
    });
    if (names.some((n) => !lookups.knowsMetricPolicy(n))) {
      return undefined;
    }
  }
  return archivesForNames(lookups, names);
}

export function planOf(
  draw: DrawContext,
  archives: Archive[] | undefined,
  canResample: boolean
): GranularityPlan | undefined {
  if (!archives) {
    return undefined;
  }
  return draw.legacy
    ? planLegacy(archives, draw.panel)
    : planGranularity(archives, draw.panel, canResample && !draw.legacy);
}

/** Gnocchi's resample method that re-aggregates archive values of an aggregation (count: the sum of the counts). */
export function resampleMethod(aggregation: string): string | undefined {
  return ({ mean: 'mean', min: 'min', max: 'max', sum: 'sum', count: 'sum' } as Record<string, string>)[aggregation];
}

/** `operations` resampled: `(resample m s ops)` for the string form, `["resample", m, s, ops]` for JSON. */
export function resampleOperations(operations: unknown, method: string, seconds: number): unknown {
  return typeof operations === 'string'
    ? `(resample ${method} ${seconds} ${operations})`
    : ['resample', method, seconds, operations];
}

/** The request with the planned granularity (and `resample` on the measures endpoint). */
export function withGranularity(
  req: GnocchiRequest,
  plan: GranularityPlan | undefined,
  measuresResample = false
): GnocchiRequest {
  if (!plan) {
    return req;
  }
  const params: GnocchiRequest['params'] = { ...req.params, granularity: plan.granularity };
  if (measuresResample && plan.resample) {
    params.resample = plan.resample;
  }
  return { ...req, params };
}

/** Gnocchi's answer to a granularity some metric lacks (aggregates: 400 "Granularities are missing"; measures: 404). */
export function isMissingGranularity(e: unknown): boolean {
  return (
    e instanceof RequestError &&
    e.service === 'Gnocchi' &&
    (e.status === 400 || e.status === 404) &&
    /granularit/i.test(e.message)
  );
}

/**
 * Sends the planned request; when Gnocchi says a metric lacks the planned granularity, sends the
 * unplanned one instead. Every request sent is appended to `sent`.
 */
export async function sendPlanned<T>(
  planned: GnocchiRequest,
  plain: GnocchiRequest,
  sent: GnocchiRequest[],
  go: (req: GnocchiRequest) => Promise<T>
): Promise<T> {
  sent.push(planned);
  if (planned === plain) {
    return go(plain);
  }
  try {
    return await go(planned);
  } catch (e) {
    if (!isMissingGranularity(e)) {
      throw e;
    }
  }
  sent.push(plain);
  return go(plain);
}

/**
 * Is this one of the archive-policy look-ups above (shared by the dashboard, memoized per data source
 * instance), rather than a panel's own request? For counting requests per panel.
 */
export function isPolicyLookup(req: { method: string; url: string }): boolean {
  if (req.method !== 'GET') {
    return false;
  }
  const path = new URL(req.url, 'http://x').pathname;
  return /\/v1\/metric\/?$/.test(path) || /\/v1\/resource\/[^/]+\/[^/]+\/metric\/?$/.test(path);
}
