/**
 * The host itself: it must fail loudly (visible error, console error, window flag) for a module
 * that cannot run in Grafana, so that a broken build can never pass silently; and its runtime
 * services must behave like Grafana's.
 */
import { expect, Page, test } from '@playwright/test';

import { openHost, seed } from './helpers';

async function expectFatal(page: Page, module: string, kind: string, message: RegExp, extra: object = {}) {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') {
      consoleErrors.push(m.text());
    }
  });
  const host = await openHost(page, { module, ...extra });
  expect(host).toMatchObject({ status: 'error', kind });
  expect(host.message).toMatch(message);
  await expect(page.getByTestId('host-fatal')).toBeVisible();
  await expect(page.getByTestId('host-fatal')).toHaveAttribute('data-kind', kind);
  expect(consoleErrors.some((e) => e.startsWith(`[playground host] ${kind}:`))).toBe(true);
}

test('a module that bundles its own React is rejected before it runs', async ({ page }) => {
  await expectFatal(page, '/fixtures/own-react/module.js', 'own-react', /bundles its own copy of React/);
});

test('a module that bundles its own React fails loudly when its editor renders', async ({ page }) => {
  // without the source check, the hook call into the second React crashes the ConfigEditor
  await expectFatal(page, '/fixtures/own-react/module.js', 'own-react', /ConfigEditor crashed while rendering/, {
    skipSourceCheck: true,
  });
});

test('a module that is not a DataSourcePlugin', async ({ page }) => {
  await expectFatal(page, '/fixtures/not-a-plugin/module.js', 'not-plugin', /does not export a DataSourcePlugin/);
});

test('a module that needs a dependency Grafana does not share', async ({ page }) => {
  await expectFatal(
    page,
    '/fixtures/missing-dep/module.js',
    'load',
    /SystemJS could not load .*left-pad-that-grafana-does-not-share/
  );
});

test('a missing module', async ({ page }) => {
  await expectFatal(page, '/fixtures/nothing-here/module.js', 'load', /Cannot fetch plugin module .*HTTP 404/);
});

test('the built plugin loads without errors and uses the shared modules', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const host = await openHost(page, {});
  expect(host).toMatchObject({ status: 'ready', pluginId: 'gnocchixyz-gnocchi-datasource' });
  expect(errors).toEqual([]);
  await expect(page.getByTestId('host-fatal')).toHaveCount(0);
});

test("the backendSrv stand-in behaves like Grafana's: Device-Id everywhere, Org-Id on local URLs", async ({ page }) => {
  await openHost(page, {});
  const r = await page.evaluate(async (gnocchi) => {
    const srv = window.__hostServices.backendSrv;
    const local = await srv.get('/api/health').catch((e: any) => ({ status: e.status }));
    const remote = await srv.get(`${gnocchi}/`).then(
      () => 'ok',
      (e: any) => String(e?.message ?? e)
    );
    return { local, remote, calls: window.__backendSrvCalls };
  }, seed.urls.gnocchi);
  expect(r.local).toEqual({ status: 404 });
  expect(r.calls[0].headers).toMatchObject({ 'X-Grafana-Org-Id': '1', 'X-Grafana-Device-Id': expect.any(String) });
  expect(r.calls[1].headers['X-Grafana-Device-Id']).toBeTruthy();
  expect(r.calls[1].headers['X-Grafana-Org-Id']).toBeUndefined();
  // Gnocchi's CORS does not allow X-Grafana-Device-Id: the preflight fails, as in Grafana 10.2-13.2
  expect(r.remote).toMatch(/Failed to fetch/);
});

test("the TemplateSrv stand-in follows Grafana's syntax and formats", async ({ page }) => {
  await openHost(page, {});
  const out = await page.evaluate(() => {
    const t = window.__hostServices.templateSrv;
    t.setVariables([
      { name: 'hosts', multi: true, options: ['a', 'b'], current: ['a', 'b'] },
      { name: 'one', options: ['x.y'], current: 'x.y' },
    ]);
    return [
      t.replace('$hosts'),
      t.replace('${hosts:csv}'),
      t.replace('[[hosts]]'),
      t.replace('${one:regex}'),
      t.replace('${hosts:singlequote}'),
      t.replace('$one and $unknown'),
      t.replace('$hosts', {}, (v: string[]) => `in [${v.join(';')}]`),
      t.replace('$__interval', { __interval: { text: '1m', value: '1m' } }),
    ];
  });
  expect(out).toEqual(['{a,b}', 'a,b', '{a,b}', 'x\\.y', "'a','b'", 'x.y and $unknown', 'in [a;b]', '1m']);
});
