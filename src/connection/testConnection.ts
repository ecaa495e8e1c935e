/**
 * Save & test: a step-by-step diagnosis of the connection (see diagnose.ts): Keystone reachable,
 * token, X-Subject-Token, catalog, Gnocchi reachable, CORS, one authenticated listing. The result
 * has a short `message`, and `details` (`message`, `verboseMessage`, `steps`) that Grafana shows
 * below it.
 */
import type { TestDataSourceResponse } from '@grafana/data';

import type { GnocchiClient } from '../client';
import { diagnose, DiagnoseDeps } from './diagnose';

export type { DiagnoseDeps } from './diagnose';

export function testConnection(client: GnocchiClient, deps: DiagnoseDeps = {}): Promise<TestDataSourceResponse> {
  return diagnose(client, deps);
}
