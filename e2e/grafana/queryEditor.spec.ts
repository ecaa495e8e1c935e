/**
 * @grafana/plugin-e2e specs for a REAL Grafana (see configEditor.spec.ts).
 */
import { expect, test } from '@grafana/plugin-e2e';

import { selectors } from '../../src/components/selectors';

const S = selectors.queryEditor;

test('the query editor renders and a resource search returns one series per host', async ({
  panelEditPage,
  readProvisionedDataSource,
  page,
}) => {
  const ds = await readProvisionedDataSource({ fileName: 'gnocchi.yaml', name: 'Gnocchi (Keystone password)' });
  await panelEditPage.datasource.set(ds.name);
  const row = panelEditPage.getQueryEditorRow('A');
  // New queries open in the builder with dynamic aggregates (getDefaultQuery): code view, resource search.
  await row.getByRole('radio', { name: 'Code' }).click({ force: true });
  await row.getByLabel(S.mode).click();
  await page.getByRole('option', { name: 'Resource search', exact: true }).click();
  await row.getByLabel(S.resourceType).fill('demo_host');
  await row.getByLabel(S.metricRegex).fill('load');
  await row.getByLabel(S.label).fill('${name}');
  await page.keyboard.press('Tab');
  await panelEditPage.setVisualization('Table');
  await expect(panelEditPage.refreshPanel({ waitForResponsePredicateCallback: /\/v1\/aggregates/ })).toBeOK();
  await expect(panelEditPage.panel.getErrorIcon()).not.toBeVisible();
  await expect(panelEditPage.panel.fieldNames).toContainText(['compute-1']);
});

test("a malformed operations string shows Gnocchi's parse error on the panel", async ({
  panelEditPage,
  readProvisionedDataSource,
  page,
}) => {
  const ds = await readProvisionedDataSource({ fileName: 'gnocchi.yaml', name: 'Gnocchi (Keystone password)' });
  await panelEditPage.datasource.set(ds.name);
  const row = panelEditPage.getQueryEditorRow('A');
  // Dynamic aggregates is the default mode of a new query; the operations are a CodeEditor in the code view.
  await row.getByRole('radio', { name: 'Code' }).click({ force: true });
  await row.getByLabel(S.resourceType).fill('demo_instance');
  const operations = row.getByRole('textbox', { name: S.operations });
  await operations.click();
  await page.keyboard.type('(aggregate mean (metric cpu_util mean)');
  await page.keyboard.press('Escape');
  await row.getByLabel(S.label).click(); // blur commits
  // flagged in the editor before any request (the plugin's own parser)
  await expect(operations).toHaveAttribute('aria-invalid', 'true');
  await expect(panelEditPage.refreshPanel({ waitForResponsePredicateCallback: /\/v1\/aggregates/ })).not.toBeOK();
  await expect(panelEditPage.panel.getErrorIcon()).toBeVisible();
});
