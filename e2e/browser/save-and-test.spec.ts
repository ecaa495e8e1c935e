/**
 * Save & test in browser mode against the real Keystone + Gnocchi: the settings are entered in the
 * plugin's own ConfigEditor, the result is the message Grafana would show.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

import { appCredentialDs, expectReady, keystoneV3, saveAndTest, SCREENSHOTS, seed } from './helpers';
import { selectors } from '../../src/components/selectors';

const C = selectors.configEditor;

const SUCCESS = /^Keystone authentication OK\. Gnocchi 4\.4\.\d+ at http:\/\/127\.0\.0\.1:8041: \d+ resource types\.$/;

test('Keystone password, typed into the ConfigEditor', async ({ page }) => {
  await expectReady(page, { ds: { access: 'direct', url: '', jsonData: { mode: 'keystone' } } });
  const u = seed.users.grafana;
  await page.getByLabel(C.keystoneUrl, { exact: true }).fill(keystoneV3());
  await page.getByLabel(C.username, { exact: true }).fill(u.name);
  await page.getByLabel(C.password, { exact: true }).fill(u.password);
  await page.getByLabel(C.project, { exact: true }).fill(u.project);
  // ids and domains are in a collapsed sub-section of the advanced settings
  await page.getByRole('button', { name: `Expand section ${C.idsAndDomains}` }).click();
  await page.getByLabel(C.userDomainId, { exact: true }).fill('default');
  await page.getByLabel(C.projectDomainId, { exact: true }).fill('default');
  const result = await saveAndTest(page);
  expect(result).toEqual({ status: 'success', message: expect.stringMatching(SUCCESS) });
  // the plugin must not use Grafana's backendSrv for direct calls (its X-Grafana-Device-Id fails CORS)
  expect(await page.evaluate(() => window.__backendSrvCalls.length)).toBe(0);
  await page.getByTestId('config-section').screenshot({ path: join(SCREENSHOTS, 'config-editor-save-and-test.png') });
});

test('Keystone application credential, auth mode chosen in the ConfigEditor', async ({ page }) => {
  const ds = appCredentialDs();
  // start from the password mode and switch the Combobox, as a user does
  await expectReady(page, { ds: { ...ds, jsonData: { ...(ds.jsonData as object), mode: 'keystone' } } });
  await page.getByLabel(C.authMode, { exact: true }).click();
  await page.getByRole('option', { name: 'Keystone application credential' }).click();
  await expect(page.getByLabel(C.appCredentialId, { exact: true })).toHaveValue(seed.application_credential.id);
  const result = await saveAndTest(page);
  expect(result).toEqual({ status: 'success', message: expect.stringMatching(SUCCESS) });
});
