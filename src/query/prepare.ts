/**
 * A panel query as it will run: migrated from its saved shape, then interpolated. One function used by
 * the datasource, the benchmark and the tests alike.
 */
import type { ScopedVars } from '@grafana/data';

import { migrateQuery } from '../migrations/query';
import type { GnocchiQuery } from '../types';
import { interpolateQuery, TemplateSrvLike } from './interpolate';

export function prepareQuery(q: GnocchiQuery, templateSrv: TemplateSrvLike, scopedVars: ScopedVars = {}): GnocchiQuery {
  return interpolateQuery(migrateQuery(q), templateSrv, scopedVars);
}
