/**
 * A dashboard saved with the old plugin 1.7 (tests/fixtures/dashboards, Grafana 5 `panels` layout)
 * opened in the playground's dashboard mode (a @grafana/scenes scene) against the real stack, with a 1.x data source
 * definition: every panel shows the series names 1.7.1 showed (as tests/integration/old-dashboards
 * asserts without a browser), no panel shows an error; its query variables offer the data source's
 * values and drive the panels.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

import { loadDashboard, panelsOf, resolveSeed } from '../../tests/integration/dashboards';
import {
  dashboardPanel,
  dashboardPanels,
  expectReady,
  pickVariableValues,
  recentRange,
  SCREENSHOTS,
  sceneVariables,
  seed,
} from './helpers';

const FILE = 'grafana5-panels-plugin-1.7.json';

/** The series names 1.7.1 showed, per panel (tests/integration/old-dashboards.test.ts). */
const expected = (): Record<string, string[]> => ({
  'CPU per host': ['compute-1', 'compute-3'],
  'Memory per flavor': ['m1.large', 'm1.medium', 'm1.small'],
  // no label: the resource id
  'One VM (deprecated resource mode)': [seed.resources['vm-002'].id],
  // the hidden target B is dropped by filterQuery
  'Unlabeled dynamic aggregate': ['unlabeled'],
});

/** The data source as 1.x defined it: Keystone's URL without /v3, the credentials in jsonData. */
function oldDataSource() {
  const u = seed.users.grafana;
  return {
    access: 'direct',
    url: seed.urls.keystone,
    jsonData: { mode: 'keystone', username: u.name, password: u.password, project: u.project, domain: 'default' },
  };
}

test(`${FILE}: every panel shows what 1.7.1 showed`, async ({ page }) => {
  // fixtures cannot hold the stack's generated ids: `$__seed:<key>.<field>` tokens resolved here
  const dashboard = JSON.parse(resolveSeed(JSON.stringify(loadDashboard(FILE)), seed));
  const titles = panelsOf(dashboard).map((p) => p.title);
  const names = expected();
  expect([...titles].sort()).toEqual(Object.keys(names).sort());

  // `now-3h` of the dashboard: the last 3 hours of the seed
  await expectReady(page, { ds: oldDataSource(), dashboard, ...recentRange(3) });
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-title', 'Cloud (Gnocchi 1.7)');
  const d = await dashboardPanels(page, titles.length);
  expect(d.panels.map((p) => p.title)).toEqual(titles);
  for (const p of d.panels) {
    expect(p.errors, `${p.title}: ${JSON.stringify(p.errors)}`).toEqual([]);
    expect(p.state, p.title).toBe('Done');
    expect(
      p.series.map((s) => s.name),
      p.title
    ).toEqual(names[p.title]);
    for (const s of p.series) {
      expect(s.values.filter((v) => v !== null).length, `${p.title} / ${s.name}`).toBeGreaterThan(10);
    }
  }
  const byTitle = Object.fromEntries(d.panels.map((p) => [p.title, p]));
  expect(new Set(byTitle['One VM (deprecated resource mode)'].series[0].values)).toEqual(new Set([2048]));
  expect(new Set(byTitle['Unlabeled dynamic aggregate'].series[0].values)).toEqual(new Set([1024]));

  // the variables bar holds the saved values; each panel draws its graph; no error anywhere
  let vars = await sceneVariables(page);
  expect(vars.hosts.value).toEqual(['compute-1', 'compute-3']);
  expect(vars.vm.value).toBe(seed.resources['vm-002'].id);
  const panels = page.getByTestId('scene-panel');
  await expect(panels).toHaveCount(titles.length);
  for (let i = 0; i < titles.length; i++) {
    await expect(panels.nth(i).locator('canvas').first()).toBeVisible();
  }
  await expect(page.getByTestId('host-fatal')).toHaveCount(0);
  // Grafana refreshes query variables on load: $hosts offers every host of the project
  // (in Gnocchi's own order, as 1.7.1 listed them: the seed creates the hosts concurrently)
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-variables', 'refreshed');
  vars = await sceneVariables(page);
  expect(vars.hosts.options.map((o) => o.value).sort()).toEqual(['compute-1', 'compute-2', 'compute-3', 'compute-4']);
  await expect(page.getByTestId('variables-error')).toHaveCount(0);
  await page.getByTestId('dashboard').screenshot({ path: join(SCREENSHOTS, 'old-dashboard.png') });

  // the saved variables still drive the panels
  await pickVariableValues(page, 'hosts', 'hosts', ['compute-2', 'compute-4']);
  // (scenes re-runs the panels that use the variable)
  const cpu = await dashboardPanel(page, 'CPU per host', 2);
  expect(cpu.errors).toEqual([]);
  expect(cpu.series.map((s) => s.name)).toEqual(['compute-2', 'compute-4']);
});
