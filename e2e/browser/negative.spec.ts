/**
 * What a user can get wrong, in a real browser against the real services: each case ends in a
 * specific, readable message (Save & test and/or the panel's error box), never a spinner or a
 * blank panel.
 */
import { join } from 'node:path';
import { expect, Page, test } from '@playwright/test';

import {
  expectReady,
  freePort,
  keystoneV3,
  openHost,
  panel,
  passwordDs,
  recentRange,
  ROOT,
  saveAndTest,
  saveTestResult,
  SCREENSHOTS,
  StackService,
  restoreStackConfig,
  stopAllServices,
} from './helpers';

const QUERY = {
  refId: 'A',
  queryVersion: 2,
  queryMode: 'resource_search',
  resource_type: 'demo_host',
  metric_name: 'load',
};

/** The panel finished in the Error state with this message, no data and no loading indicator. */
async function expectPanelError(page: Page, message: RegExp) {
  const p = await panel(page);
  expect(p.state).toBe('Error');
  expect(p.series).toEqual([]);
  expect(p.errors.map((e) => e.message).join('\n')).toMatch(message);
  await expect(page.getByTestId('panel-error')).toBeVisible();
  await expect(page.getByTestId('panel-error')).toContainText(p.errors[0].message!);
  await expect(page.getByTestId('panel')).toHaveAttribute('data-state', 'Error');
  await expect(page.getByTestId('panel-empty')).toHaveText('Query failed (see below)');
}

test('host served from an origin Keystone and Gnocchi do not allow (:3001)', async ({ page }) => {
  const { startHostServer } = await import(join(ROOT, 'e2e/host/server.mjs'));
  const other = await startHostServer({ port: 3001 });
  try {
    const origin = 'http://127.0.0.1:3001';
    const host = await openHost(page, { ds: passwordDs(), query: QUERY, autotest: true, ...recentRange() }, origin);
    expect(host.status).toBe('ready');
    const cors = new RegExp(
      `^The browser could not reach Keystone at ${keystoneV3().replace(/[./]/g, '\\$&')}/auth/tokens from ${origin.replace(/[./]/g, '\\$&')} \\(POST\\)\\. The usual cause is CORS`
    );
    expect(await saveTestResult(page)).toEqual({ status: 'error', message: expect.stringMatching(cors) });
    await expectPanelError(page, cors);
    await page.getByTestId('panel-section').screenshot({ path: join(SCREENSHOTS, 'error-cors-origin.png') });
  } finally {
    await other.close();
  }
});

test('Keystone that does not expose X-Subject-Token', async ({ page }) => {
  const port = await freePort();
  const keystone = new StackService('keystone-no-expose', 'keystone.sh', {
    KS_PORT: String(port),
    KS_EXPOSE_HEADERS: 'X-Auth-Token,X-Openstack-Request-Id',
  });
  keystone.start();
  try {
    await keystone.waitFor(`http://127.0.0.1:${port}/v3`, (s) => s === 200);
    // the token is issued (Node sees the header) ...
    await expectReady(page, { ds: passwordDs({}, `http://127.0.0.1:${port}/v3`), query: QUERY, ...recentRange() });
    const result = await saveAndTest(page);
    // ... but the browser cannot read it
    expect(result.status).toBe('error');
    expect(result.message).toMatch(
      /^Keystone issued a token but the browser cannot read its X-Subject-Token header: Keystone's CORS configuration must expose it \(\[cors\] expose_headers = X-Subject-Token in keystone\.conf\)\./
    );
    await expectPanelError(page, /cannot read its X-Subject-Token header/);
  } finally {
    await keystone.stop();
  }
});

test('wrong password', async ({ page }) => {
  await expectReady(page, { ds: passwordDs({ password: 'not-the-password' }), query: QUERY, ...recentRange() });
  const expected = `Keystone 401 Unauthorized: The request you have made requires authentication. Check the user, password or application credential, and the project. (POST ${keystoneV3()}/auth/tokens)`;
  expect(await saveAndTest(page)).toEqual({ status: 'error', message: expected });
  await expectPanelError(page, /^Keystone 401 Unauthorized: .*Check the user, password/);
  await page.getByTestId('config-section').screenshot({ path: join(SCREENSHOTS, 'error-wrong-password.png') });
});

test('Gnocchi stopped: works while it runs, a readable message once it is gone', async ({ page }) => {
  const port = await freePort();
  const gnocchiUrl = `http://127.0.0.1:${port}`;
  const gnocchi = new StackService('gnocchi-api-stopped', 'gnocchi-api.sh', { GN_PORT: String(port) });
  gnocchi.start();
  try {
    // keystone pipeline loaded = 401 without a token
    await gnocchi.waitFor(`${gnocchiUrl}/v1/resource`, (s) => s === 401);
    await expectReady(page, { ds: passwordDs({ endpoint: gnocchiUrl }), query: QUERY, ...recentRange() });
    expect(await saveAndTest(page)).toMatchObject({
      status: 'success',
      message: expect.stringContaining(`at ${gnocchiUrl}:`),
    });
    expect((await panel(page)).series).toHaveLength(4);
  } finally {
    await gnocchi.stop();
  }
  const unreachable = new RegExp(`^The browser could not reach Gnocchi at ${gnocchiUrl.replace(/[./]/g, '\\$&')}/`);
  const result = await saveAndTest(page);
  expect(result).toEqual({ status: 'error', message: expect.stringMatching(unreachable) });
  expect(result.message).toContain('Gnocchi is down or the URL is wrong');
  const run = (await panel(page)).run;
  await page.getByTestId('run-query').click();
  const p = await panel(page, run + 1);
  expect(p.state).toBe('Error');
  await expectPanelError(page, unreachable);
});

test('malformed operations string', async ({ page }) => {
  await expectReady(page, {
    ds: passwordDs(),
    query: {
      refId: 'A',
      queryVersion: 2,
      queryMode: 'dynamic_aggregates',
      resource_type: 'demo_instance',
      operations: '(aggregate mean (metric cpu_util mean)',
    },
    ...recentRange(),
  });
  await expectPanelError(
    page,
    /^Gnocchi 400 Bad Request: Invalid operations: Fail to parse the operations string: .*\(POST http:\/\/127\.0\.0\.1:8041\/v1\/aggregates\?details=true/
  );
  await page.getByTestId('panel-section').screenshot({ path: join(SCREENSHOTS, 'error-malformed-operations.png') });
});

test.afterEach(async () => {
  await stopAllServices();
});

test.afterAll(restoreStackConfig);
