/**
 * @grafana/plugin-e2e specs for a REAL Grafana (see configEditor.spec.ts).
 */
import { expect, test } from '@grafana/plugin-e2e';

test('the query editor renders and a resource search returns one series per host', async ({
  panelEditPage,
  readProvisionedDataSource,
  page,
}) => {
  const ds = await readProvisionedDataSource({ fileName: 'gnocchi.yaml', name: 'Gnocchi (Keystone password)' });
  await panelEditPage.datasource.set(ds.name);
  const row = panelEditPage.getQueryEditorRow('A');
  await expect(row.locator('#gnocchi-query-mode')).toBeVisible();
  await row.locator('#gnocchi-query-resource_type').fill('demo_host');
  await row.locator('#gnocchi-query-metric_name').fill('load');
  await row.locator('#gnocchi-query-label').fill('${name}');
  await page.keyboard.press('Tab');
  await panelEditPage.setVisualization('Table');
  await expect(panelEditPage.refreshPanel({ waitForResponsePredicateCallback: /\/v1\/aggregates/ })).toBeOK();
  await expect(panelEditPage.panel.getErrorIcon()).not.toBeVisible();
  await expect(panelEditPage.panel.fieldNames).toContainText(['compute-1']);
});

test("a malformed operations string shows Gnocchi's parse error on the panel", async ({
  panelEditPage,
  readProvisionedDataSource,
}) => {
  const ds = await readProvisionedDataSource({ fileName: 'gnocchi.yaml', name: 'Gnocchi (Keystone password)' });
  await panelEditPage.datasource.set(ds.name);
  const row = panelEditPage.getQueryEditorRow('A');
  await row.locator('#gnocchi-query-mode').click();
  await panelEditPage.ctx.page.getByRole('option', { name: 'Dynamic aggregates' }).click();
  await row.locator('#gnocchi-query-resource_type').fill('demo_instance');
  await row.locator('#gnocchi-query-operations').fill('(aggregate mean (metric cpu_util mean)');
  await expect(panelEditPage.refreshPanel({ waitForResponsePredicateCallback: /\/v1\/aggregates/ })).not.toBeOK();
  await expect(panelEditPage.panel.getErrorIcon()).toBeVisible();
});
