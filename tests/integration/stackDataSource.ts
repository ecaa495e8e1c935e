/**
 * The plugin's DataSource on the real stack, for the integration tests. Apart from seed.ts, which the
 * browser tests' global setup also imports (it must not load Grafana's packages in plain Node).
 */
import { createDatasource } from '../../src/__mocks__/datasource';
import { fetchTransport, Transport } from '../../src/http/transport';
import type { GnocchiOptions } from '../../src/types';
import { keystoneV3, Seed } from './seed';

/** Keystone password settings (browser access) of a seeded user. */
export function passwordSettings(seed: Seed, user = 'grafana'): GnocchiOptions {
  const u = seed.users[user];
  return { mode: 'keystone', username: u.name, password: u.password, project: u.project };
}

/** The plugin's DataSource on this stack: a seeded user's password settings, Node's fetch, fixed variables. */
export function stackDataSource(
  seed: Seed,
  o: { jsonData?: GnocchiOptions; url?: string; transport?: Transport; vars?: Record<string, string | string[]> } = {}
) {
  return createDatasource({
    url: o.url ?? keystoneV3(seed),
    jsonData: o.jsonData ?? passwordSettings(seed),
    transport: o.transport ?? fetchTransport,
    vars: o.vars,
  });
}
