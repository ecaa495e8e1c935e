/**
 * Gnocchi's `auth_mode = basic` (no Keystone): a second gnocchi-api of the real stack, sharing its
 * indexer and storage, started here in basic mode and stopped by PID.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DataSourceInstanceSettings, dateTime } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { DataSource } from '../../src/datasource';
import { fakeTemplateSrv } from '../../src/__mocks__/templateSrv';
import { GnocchiOptions } from '../../src/types';
import { loadSeed, STATE } from './seed';

const PORT = Number(process.env.GN_BASIC_PORT || 18049);
const URL = `http://127.0.0.1:${PORT}`;
let child: ChildProcess | undefined;

beforeAll(async () => {
  const log = openSync(join(STATE, 'log', 'gnocchi-api-basic.log'), 'w');
  child = spawn('bash', [join(__dirname, '../../stack/bin/gnocchi-api.sh')], {
    env: {
      ...process.env,
      STACK_STATE: STATE,
      GN_AUTH_MODE: 'basic',
      GN_PORT: String(PORT),
      GN_CONF_DIR: join(STATE, 'etc', 'gnocchi-basic'),
    },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${URL}/`)).ok) {
        return;
      }
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error(`gnocchi-api (basic) did not start; see ${join(STATE, 'log', 'gnocchi-api-basic.log')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}, 70_000);

afterAll(async () => {
  if (child?.pid) {
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function dataSource(jsonData: GnocchiOptions) {
  const settings = {
    id: 2,
    uid: 'basic',
    type: 'gnocchixyz-gnocchi-datasource',
    name: 'Gnocchi basic',
    access: 'direct',
    url: URL,
    jsonData,
    meta: {} as any,
    readOnly: false,
  } as DataSourceInstanceSettings<GnocchiOptions>;
  return new DataSource(settings, { templateSrv: fakeTemplateSrv({}) });
}

async function run(ds: DataSource) {
  const end = loadSeed().measures.end_unix * 1000;
  return lastValueFrom(
    ds.query({
      requestId: 'b',
      interval: '1m',
      intervalMs: 60_000,
      range: { from: dateTime(end - 3_600_000), to: dateTime(end), raw: { from: 'now-1h', to: 'now' } },
      scopedVars: {},
      targets: [
        { refId: 'A', queryVersion: 2, queryMode: 'resource_search', resource_type: 'demo_host', metric_name: 'load' },
      ],
      timezone: 'utc',
      app: 'dashboard',
      startTime: 0,
    } as any)
  );
}

it('basic auth (user name only): Save & test and a query', async () => {
  const ds = dataSource({ mode: 'basic', username: 'grafana' });
  expect(await ds.testDatasource()).toMatchObject({ status: 'success' });
  const res = await run(ds);
  expect(res.errors).toBeUndefined();
  expect(res.data).toHaveLength(4);
});

it('no auth against a Gnocchi that needs it: a readable 401', async () => {
  const res = await run(dataSource({ mode: 'noauth' }));
  expect(res.errors?.[0].message).toMatch(new RegExp(`^Gnocchi 401 Unauthorized.*\\(POST ${URL}/v1/aggregates`));
});
