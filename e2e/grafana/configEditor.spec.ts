/**
 * @grafana/plugin-e2e specs for a REAL Grafana (docker compose stack: Grafana + Keystone + Gnocchi,
 * provisioning/datasources/gnocchi.yaml). They cannot run on machines without Docker; the same
 * flows run against the playground host in e2e/browser/. Run: `npm run e2e:grafana`.
 */
import { expect, test } from '@grafana/plugin-e2e';
import { selectors } from '../../src/components/selectors';

const C = selectors.configEditor;

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
  // a new data source may start in server access; the provisioned ones use browser access
  await page.getByLabel('Browser', { exact: true }).check();
  await page.getByLabel(C.keystoneUrl, { exact: true }).fill(ds.url ?? 'http://localhost:5000/v3');
  await page.getByLabel(C.username, { exact: true }).fill('grafana');
  await page.getByLabel(C.password, { exact: true }).fill('not-the-password');
  await page.getByLabel(C.project, { exact: true }).fill('grafana-demo');
  await expect(configPage.saveAndTest({ path: '**/v3/auth/tokens' })).not.toBeOK();
  await expect(configPage).toHaveAlert('error', { has: page.getByText(/Keystone 401 Unauthorized/) });
});
