/**
 * The query builder in the playground, with pickers only, against the seeded OpenStack cloud
 * (stack/seed_cloud.py): "mean CPU per host of the instances of one flavor" and "network bytes in
 * per interface of one instance"; the panel draws the series; Code and back shows the same query.
 */
import { join } from 'node:path';
import { expect, Page, test } from '@playwright/test';

import { selectors } from '../../src/components/selectors';
import { currentRun, expectReady, passwordDs, recentRange, SCREENSHOTS, seed } from './helpers';

const S = selectors.queryEditor;
const B = S.builder;

interface CloudSeed {
  instances: Record<string, { id: string; flavor_name: string; host: string; project_id?: string }>;
  interfaces: Record<string, { id: string; instance_id: string; name: string }>;
}
const cloud = (seed as unknown as { cloud: CloudSeed }).cloud;

/** A new query, as getDefaultQuery gives it. */
const NEW_QUERY = {
  refId: 'A',
  queryVersion: 2,
  queryMode: 'dynamic_aggregates',
  editorMode: 'builder',
  resource_type: 'generic',
  aggregator: 'mean',
  draw_missing_datapoint_as_zero: false,
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Opens a picker, types `typed` (to search), and picks the option `name`. */
async function pick(page: Page, label: string, name: string, typed = '') {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  if (typed) {
    await input.pressSequentially(typed, { delay: 30 });
  }
  await page
    .getByRole('option', { name: new RegExp(`^${escape(name)}(\\s|$)`) })
    .first()
    .click();
}

async function savedQuery(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.getByTestId('query-json').textContent()) ?? '{}');
}

/** Waits for a run after `run` that is done and draws the series named `names`. */
async function expectSeries(page: Page, run: number, names: string[]) {
  await expect
    .poll(
      async () =>
        page.evaluate((n) => {
          const p = window.__panel;
          return p && p.run > n && p.state === 'Done' ? p.series.map((s) => s.name).sort() : p?.errors;
        }, run),
      { timeout: 40_000 }
    )
    .toEqual([...names].sort());
  const p = await page.evaluate(() => window.__panel);
  for (const s of p.series) {
    expect(s.values.filter((v) => v !== null).length, s.name).toBeGreaterThan(5);
  }
  await expect(page.getByTestId('panel').locator('canvas').first()).toBeVisible();
}

/** Code and back: the saved fields are the same, and the builder shows them again. */
async function roundTripThroughCode(page: Page, metric: string) {
  const before = await savedQuery(page);
  await page.getByRole('radio', { name: 'Code' }).click({ force: true });
  await expect(page.getByLabel(B.metric, { exact: true })).toHaveCount(0);
  expect(await savedQuery(page)).toEqual({ ...before, editorMode: 'code' });
  await page.getByRole('radio', { name: 'Builder' }).click({ force: true });
  await expect(page.getByLabel(B.metric, { exact: true })).toHaveValue(metric);
  expect(await savedQuery(page)).toEqual({ ...before, editorMode: 'builder' });
  await expect(page.getByLabel(S.editorModeRefused)).toHaveCount(0);
}

test('builder: mean CPU per host of the m1.small instances, with pickers only', async ({ page }) => {
  await expectReady(page, { ds: passwordDs(), query: NEW_QUERY, ...recentRange() });
  await pick(page, S.resourceType, 'instance', 'inst');
  await page.getByLabel(B.addCondition).click();
  await pick(page, `${B.conditionAttribute} 1`, 'flavor_name', 'flav');
  await pick(page, `${B.conditionValue} 1`, 'm1.small');
  await expect(page.getByLabel(B.filterText)).toHaveText("flavor_name = 'm1.small'");
  await pick(page, B.metric, 'cpu');
  await pick(page, B.aggregation, 'rate:mean');
  await pick(page, B.crossAggregation, 'mean');
  await pick(page, S.groupby, 'host', 'hos');
  await page.keyboard.press('Escape');
  const run = await currentRun(page);
  const label = page.getByLabel(S.label, { exact: true });
  await label.fill('${host}');
  await label.press('Enter');
  // the grafana-demo project's m1.small instances (other-app-1 belongs to another project)
  const hosts = [
    ...new Set(
      Object.entries(cloud.instances)
        .filter(([name, i]) => i.flavor_name === 'm1.small' && !name.startsWith('other-'))
        .map(([, i]) => i.host)
    ),
  ];
  await expectSeries(page, run, hosts);
  expect(await savedQuery(page)).toMatchObject({
    resource_type: 'instance',
    resource_search: "flavor_name = 'm1.small'",
    operations: '(aggregate mean (metric cpu rate:mean))',
    groupby: 'host',
    label: '${host}',
  });
  await page.getByTestId('query-section').screenshot({ path: join(SCREENSHOTS, 'query-builder.png') });
  await roundTripThroughCode(page, 'cpu');
});

test('builder: network bytes in per interface of one instance, with pickers only', async ({ page }) => {
  const web1 = cloud.instances['web-1'];
  const nics = Object.values(cloud.interfaces).filter((n) => n.instance_id === web1.id);
  await expectReady(page, { ds: passwordDs(), query: NEW_QUERY, ...recentRange() });
  await pick(page, S.resourceType, 'instance_network_interface', 'instance_n');
  await page.getByLabel(B.addCondition).click();
  await pick(page, `${B.conditionAttribute} 1`, 'instance_id', 'instance_i');
  // values are searched on the server as the user types (a prefix of the instance's id)
  await pick(page, `${B.conditionValue} 1`, web1.id, web1.id.slice(0, 8));
  await pick(page, B.metric, 'network.incoming.bytes', 'network.in');
  await pick(page, B.aggregation, 'rate:mean');
  await pick(page, B.crossAggregation, 'mean');
  await pick(page, S.groupby, 'name', 'nam');
  await page.keyboard.press('Escape');
  await pick(page, B.addStep, 'Arithmetic');
  const run = await currentRun(page);
  const value = page.getByLabel(`${B.stepValue} 1`, { exact: true });
  await value.fill('300');
  await value.press('Enter');
  const label = page.getByLabel(S.label, { exact: true });
  await label.fill('${name} in');
  await label.press('Enter');
  await expectSeries(
    page,
    run,
    nics.map((n) => `${n.name} in`)
  );
  expect(await savedQuery(page)).toMatchObject({
    resource_type: 'instance_network_interface',
    resource_search: `instance_id = '${web1.id}'`,
    operations: '(/ (aggregate mean (metric network.incoming.bytes rate:mean)) 300)',
    groupby: 'name',
  });
  await roundTripThroughCode(page, 'network.incoming.bytes');
});
