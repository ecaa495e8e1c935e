/**
 * Which Grafana the page is: each Playwright project loads the host built from one dependency tree
 * (e2e/host/deps/<tree>; the project's `metadata`), and the plugin must receive that tree's React
 * and @grafana/* through SystemJS, as Grafana shares them. The React 18 run is only a React 18 run
 * if the shared `react` / `react-dom` really are 18: checked here, with the plugin's editors rendered
 * by that React.
 */
import { expect, test } from '@playwright/test';

import { expectReady } from './helpers';

interface TreeMeta {
  hostDeps: string;
  react: string;
  grafana: string;
}

test('the plugin gets the React and @grafana/* of the project host tree', async ({ page }, testInfo) => {
  const want = testInfo.project.metadata as TreeMeta;
  expect(want.react, 'project metadata: react').toMatch(/^\d+$/);
  await expectReady(page);
  const got = await page.evaluate(async () => {
    const system = (window as any).System;
    const [react, reactDom, reactDomClient, runtime] = await Promise.all(
      ['react', 'react-dom', 'react-dom/client', '@grafana/runtime'].map((m) => system.import(m))
    );
    return {
      react: react.version,
      reactDom: reactDom.version,
      // react-dom/client is the one the host renders with (createRoot)
      createRoot: typeof reactDomClient.createRoot,
      grafana: runtime.config.buildInfo.version,
      script: document.querySelector('script[src*="/host/"]')?.getAttribute('src'),
    };
  });
  expect(got.react.split('.')[0], JSON.stringify(got)).toBe(want.react);
  // react-dom 18.3.1's production build says `18.3.1-next-f1338f8080-20240426`
  expect(got.reactDom.split('.')[0]).toBe(want.react);
  expect(got.createRoot).toBe('function');
  expect(got.grafana).toBe(want.grafana);
  expect(got.script).toBe(`/host/${want.hostDeps}/host.js`);
  // the plugin's editors rendered by that React (a second React would have crashed their hooks)
  await expect(page.getByTestId('config-section')).toBeVisible();
  await expect(page.getByTestId('query-section')).toBeVisible();
});
