/**
 * A panel query as it will run: migrated from its saved shape, interpolated, then narrowed by the
 * active ad hoc filters. One function used by the datasource, the benchmark and the tests alike.
 */
import type { AdHocVariableFilter, ScopedVars } from '@grafana/data';

import { migrateQuery } from '../migrations/query';
import type { GnocchiQuery } from '../types';
import { applyAdhocFilters } from './adhoc';
import { interpolateQuery, TemplateSrvLike } from './interpolate';

export function prepareQuery(
  q: GnocchiQuery,
  templateSrv: TemplateSrvLike,
  scopedVars: ScopedVars = {},
  filters: AdHocVariableFilter[] = []
): GnocchiQuery {
  return applyAdhocFilters(interpolateQuery(migrateQuery(q), templateSrv, scopedVars), filters);
}
