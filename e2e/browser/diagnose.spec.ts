/**
 * Save & test's step-by-step diagnosis in real Chromium, across real origins, against the real
 * Keystone and Gnocchi: each failure ends in its own message (what the host shows, as Grafana's
 * alert title) and details (the `[cors]` lines, Keystone's possible causes, the steps), read by
 * calling the built plugin's `testDatasource()` in the page.
 */
import { join } from 'node:path';
import { expect, Page, test } from '@playwright/test';

import {
  expectReady,
  freePort,
  Json,
  keystoneV3,
  openHost,
  passwordDs,
  ROOT,
  saveAndTest,
  saveTestResult,
  SCREENSHOTS,
  seed,
  StackService,
  restoreStackConfig,
  stopAllServices,
} from './helpers';

interface Diagnosis {
  status: string;
  message: string;
  details: {
    message?: string;
    verboseMessage?: string;
    steps: Array<{ name: string; status: string; message: string }>;
  };
}

/**
 * `testDatasource()` of a new instance of the page's plugin (the module the host loaded, from
 * SystemJS' registry) with these settings: the whole result, details included.
 */
async function diagnoseInPage(page: Page, ds: Json): Promise<Diagnosis> {
  return page.evaluate(async (settings) => {
    const w = window as any;
    const exports = await w.System.import(w.__host.module);
    const mod = exports.__useDefault ? exports.default : exports;
    const plugin = mod.plugin ?? exports.plugin;
    const instance = new plugin.DataSourceClass({
      id: 2,
      uid: 'diagnose',
      type: w.__host.pluginId,
      name: 'diagnose',
      meta: { id: w.__host.pluginId, info: {} },
      url: settings.url,
      access: settings.access,
      jsonData: settings.jsonData,
    });
    return JSON.parse(JSON.stringify(await instance.testDatasource()));
  }, ds);
}

const steps = (d: Diagnosis) => d.details.steps.map((s) => `${s.status} ${s.name}`);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

test('success: what was found, every step passed', async ({ page }) => {
  await expectReady(page, { ds: passwordDs() });
  const result = await saveAndTest(page);
  expect(result).toEqual({
    status: 'success',
    message: expect.stringMatching(
      /^Keystone authentication OK\. Gnocchi 4\.4\.\d+ at http:\/\/127\.0\.0\.1:8041: \d+ resource types\.$/
    ),
  });
  const d = await diagnoseInPage(page, passwordDs());
  expect(steps(d)).toEqual([
    'ok Settings',
    'ok Keystone reachable',
    'ok Keystone answers with CORS',
    'ok Token obtained',
    'ok X-Subject-Token readable',
    'ok Gnocchi endpoint',
    'ok Gnocchi reachable',
    'ok Gnocchi answers with CORS',
    'ok Authenticated listing',
  ]);
  expect(d.details.message).toMatch(/^Gnocchi 4\.4\.\d+, \d+ resource types\.\n/);
  expect(d.details.message).toContain('Auth mode: Keystone password, browser access.');
  expect(d.details.message).toContain(
    `Endpoint: ${seed.urls.gnocchi}, from Keystone's catalog (the public "metric" endpoint).`
  );
  expect(d.details.message).toMatch(/Keystone token expires at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in \d+/);
  // what the page shows: the alert, what was found, and the steps (opened, as a user would)
  await expect(page.getByTestId('save-test-details-message')).toContainText('Auth mode: Keystone password');
  await page.getByTestId('save-test-details-verbose').evaluate((el) => ((el as HTMLDetailsElement).open = true));
  await page.getByTestId('save-test-status').screenshot({ path: join(SCREENSHOTS, 'save-and-test-success.png') });
});

test('origin not allowed by Keystone: CORS, not unreachable, with the lines for this origin', async ({ page }) => {
  const { startHostServer } = await import(join(ROOT, 'e2e/host/server.mjs'));
  const other = await startHostServer({ port: 3001 });
  try {
    const origin = 'http://127.0.0.1:3001';
    const host = await openHost(page, { ds: passwordDs(), autotest: true }, origin);
    expect(host.status).toBe('ready');
    const result = await saveTestResult(page);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(
      new RegExp(
        `^The browser could not reach Keystone at ${esc(keystoneV3())}/auth/tokens from ${esc(origin)} \\(POST\\)\\. ` +
          'The usual cause is CORS, and it is the cause here: Keystone answers'
      )
    );
    expect(result.message).toContain(`Add ${origin} to [cors] allowed_origin of Keystone`);
    const d = await diagnoseInPage(page, passwordDs());
    expect(steps(d)).toEqual(['ok Settings', 'ok Keystone reachable', 'failed Keystone answers with CORS']);
    expect(d.details.message).toContain(
      `/etc/keystone/keystone.conf:\n\n[cors]\nallowed_origin = ${origin}\nexpose_headers = X-Subject-Token\n`
    );
    expect(d.details.message).toContain('Keystone reads [cors] only from its default config locations');
    // what the page shows: the alert, its details, and the editor's lines for this origin with copy buttons
    await expect(page.getByTestId('save-test-details-message')).toContainText(`allowed_origin = ${origin}`);
    await page.getByRole('button', { name: 'Expand section CORS for this Grafana' }).click();
    await expect(page.getByLabel('Keystone [cors] lines', { exact: true })).toHaveText(
      `[cors]\nallowed_origin = ${origin}\nexpose_headers = X-Subject-Token`
    );
    await page.getByTestId('config-section').screenshot({ path: join(SCREENSHOTS, 'save-and-test-cors-lines.png') });
  } finally {
    await other.close();
  }
});

test('Keystone on a port where nothing listens: unreachable, not CORS', async ({ page }) => {
  const url = `http://127.0.0.1:${await freePort()}/v3`;
  await expectReady(page, { ds: passwordDs({}, url) });
  const result = await saveAndTest(page);
  expect(result.status).toBe('error');
  expect(result.message).toMatch(
    new RegExp(
      `^The browser could not reach Keystone at ${esc(url)}/auth/tokens from http://localhost:3000 \\(POST\\): ` +
        'nothing answers there, so Keystone is down or the URL is wrong \\(host or port\\)\\. It is not CORS'
    )
  );
  const d = await diagnoseInPage(page, passwordDs({}, url));
  expect(steps(d)).toEqual(['ok Settings', 'failed Keystone reachable']);
});

test('Keystone that does not expose X-Subject-Token: the expose_headers line', async ({ page }) => {
  const port = await freePort();
  const keystone = new StackService('keystone-diagnose-no-expose', 'keystone.sh', {
    KS_PORT: String(port),
    KS_EXPOSE_HEADERS: 'X-Auth-Token,X-Openstack-Request-Id',
  });
  keystone.start();
  try {
    await keystone.waitFor(`http://127.0.0.1:${port}/v3`, (s) => s === 200);
    const ds = passwordDs({}, `http://127.0.0.1:${port}/v3`);
    await expectReady(page, { ds });
    const result = await saveAndTest(page);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/^Keystone issued a token but the browser cannot read its X-Subject-Token header/);
    const d = await diagnoseInPage(page, ds);
    expect(steps(d).slice(-2)).toEqual(['ok Token obtained', 'failed X-Subject-Token readable']);
    expect(d.details.message).toContain('/etc/keystone/keystone.conf:\n\n[cors]\nexpose_headers = X-Subject-Token\n');
  } finally {
    await keystone.stop();
  }
});

test("wrong password: Keystone's own text, and told apart from a project problem", async ({ page }) => {
  const ds = passwordDs({ password: 'not-the-password' });
  await expectReady(page, { ds });
  expect(await saveAndTest(page)).toEqual({
    status: 'error',
    message: `Keystone 401 Unauthorized: The request you have made requires authentication. Check the user, password or application credential, and the project. (POST ${keystoneV3()}/auth/tokens)`,
  });
  const d = await diagnoseInPage(page, ds);
  expect(steps(d)).toEqual([
    'ok Settings',
    'ok Keystone reachable',
    'ok Keystone answers with CORS',
    'failed Token obtained',
  ]);
  // the same user and password without the project are refused too: the credentials, not the project
  expect(d.details.message).toMatch(
    /^Wrong password, unknown user or disabled user: Keystone refuses this user and password even without a project/
  );
});

test('catalog without the chosen interface and region: what it has', async ({ page }) => {
  const ds = passwordDs({ interface: 'internal', region: 'RegionTwo' });
  await expectReady(page, { ds });
  expect(await saveAndTest(page)).toEqual({
    status: 'error',
    message:
      'The "metric" service has no internal endpoint in region RegionTwo (endpoints: public@RegionOne, internal@RegionOne, admin@RegionOne)',
  });
  const d = await diagnoseInPage(page, ds);
  expect(steps(d).slice(-2)).toEqual(['ok X-Subject-Token readable', 'failed Gnocchi endpoint']);
});

test('Gnocchi URL where nothing listens: unreachable, after Keystone passed', async ({ page }) => {
  const gnocchiUrl = `http://127.0.0.1:${await freePort()}`;
  const ds = passwordDs({ endpoint: gnocchiUrl });
  await expectReady(page, { ds });
  const result = await saveAndTest(page);
  expect(result.status).toBe('error');
  expect(result.message).toMatch(new RegExp(`^The browser could not reach Gnocchi at ${esc(gnocchiUrl)}/ from `));
  expect(result.message).toContain('nothing answers there, so Gnocchi is down or the URL is wrong');
  const d = await diagnoseInPage(page, ds);
  expect(steps(d).slice(-2)).toEqual(['ok Gnocchi endpoint', 'failed Gnocchi reachable']);
});

test('origin allowed by Keystone but not by Gnocchi: the Gnocchi lines', async ({ page }) => {
  const port = await freePort();
  const gnocchiUrl = `http://127.0.0.1:${port}`;
  // the host page is on http://localhost:3000: this Gnocchi allows another origin only
  const gnocchi = new StackService('gnocchi-diagnose-cors', 'gnocchi-api.sh', {
    GN_PORT: String(port),
    CORS_ORIGINS: 'http://127.0.0.1:3000',
  });
  gnocchi.start();
  try {
    await gnocchi.waitFor(`${gnocchiUrl}/v1/resource`, (s) => s === 401);
    const ds = passwordDs({ endpoint: gnocchiUrl });
    await expectReady(page, { ds });
    const result = await saveAndTest(page);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(
      new RegExp(
        `^The browser could not reach Gnocchi at ${esc(gnocchiUrl)}/ from http://localhost:3000 \\(GET\\)\\. ` +
          'The usual cause is CORS, and it is the cause here: Gnocchi answers'
      )
    );
    const d = await diagnoseInPage(page, ds);
    expect(steps(d).slice(-2)).toEqual(['ok Gnocchi reachable', 'failed Gnocchi answers with CORS']);
    expect(d.details.message).toContain(
      '/etc/gnocchi/gnocchi.conf:\n\n[cors]\nallowed_origin = http://localhost:3000\n\n'
    );
  } finally {
    await gnocchi.stop();
  }
});

test.afterEach(async () => {
  await stopAllServices();
});

test.afterAll(restoreStackConfig);
