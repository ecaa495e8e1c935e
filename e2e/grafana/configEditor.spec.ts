/**
 * @grafana/plugin-e2e specs for a REAL Grafana (docker compose stack: Grafana + Keystone + Gnocchi,
 * provisioning/datasources/gnocchi.yaml). They cannot run on machines without Docker; the same
 * flows run against the playground host in e2e/browser/. Run: `npm run e2e:grafana`.
 */
import { expect, test } from '@grafana/plugin-e2e';

// The plugin has no backend: Save & test is the frontend's testDatasource(), whose last request
// lists Gnocchi's resource types.
const HEALTH_REQUEST = '**/v1/resource_type';

test('Save & test succeeds with the provisioned Keystone password data source', async ({
  gotoDataSourceConfigPage,
  page,
}) => {
  const configPage = await gotoDataSourceConfigPage('gnocchi-password');
  await expect(configPage.saveAndTest({ path: HEALTH_REQUEST })).toBeOK();
  await expect(configPage).toHaveAlert('success', { has: page.getByText(/Keystone authentication OK/) });
});

test('Save & test succeeds with the provisioned application credential data source', async ({
  gotoDataSourceConfigPage,
  page,
}) => {
  const configPage = await gotoDataSourceConfigPage('gnocchi-appcred');
  await expect(configPage.saveAndTest({ path: HEALTH_REQUEST })).toBeOK();
  await expect(configPage).toHaveAlert('success', { has: page.getByText(/Keystone authentication OK/) });
});

test("Save & test shows Keystone's message for a wrong password", async ({
  createDataSourceConfigPage,
  readProvisionedDataSource,
  page,
}) => {
  const ds = await readProvisionedDataSource({ fileName: 'gnocchi.yaml', name: 'Gnocchi (Keystone password)' });
  const configPage = await createDataSourceConfigPage({ type: ds.type });
  await page.locator('#gnocchi-url').fill(ds.url ?? 'http://localhost:5000/v3');
  await page.locator('#gnocchi-username').fill('grafana');
  await page.locator('#gnocchi-password').fill('not-the-password');
  await page.locator('#gnocchi-project').fill('grafana-demo');
  await expect(configPage.saveAndTest({ path: '**/v3/auth/tokens' })).not.toBeOK();
  await expect(configPage).toHaveAlert('error', { has: page.getByText(/Keystone 401 Unauthorized/) });
});
