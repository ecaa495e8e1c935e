/**
 * Real-browser tests of the BUILT plugin (dist/module.js) in the playground host, in Debian's
 * Chromium (no Playwright browser download), against the real Keystone + Gnocchi stack.
 * Run: `npm run e2e` (see e2e/README.md).
 */
import { defineConfig } from '@playwright/test';

export const HOST_PORT = Number(process.env.HOST_PORT || 3000);

/**
 * Two host dependency trees (e2e/host/deps/<tree>, e2e/README.md): the newest Grafana (13.2, React
 * 19) runs every spec; the oldest supported (12.3.0, React 18) the specs that exercise the plugin's
 * React and @grafana/* surface. Same server and port (Keystone and Gnocchi allow only :3000): the
 * page of the 12.3 project loads that tree's bundle through the server's `host-deps` cookie. The
 * global setup builds the bundle of every tree listed here (HOST_DEPS; the first is the default).
 */
process.env.HOST_DEPS ??= 'grafana-13,grafana-12.3';
const hostDepsCookie = (tree: string) =>
  ['localhost', '127.0.0.1'].map((domain) => ({
    name: 'host-deps',
    value: tree,
    domain,
    path: '/',
    expires: -1,
    httpOnly: false,
    secure: false,
    sameSite: 'Lax' as const,
  }));
/**
 * What the React 18 run covers: the host, the dashboards (scenes), the editors and every query mode.
 * Not diagnose, negative, reliability: they test the network, CORS and the stack, not React.
 */
const REACT_18_SPECS =
  /(^|\/)(host|dashboard|dashboard-scenes|old-dashboard|variables|query-modes|builder|code-mode|save-and-test|react-version)\.spec\.ts$/;

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  // one browser, serial: the negative tests start and stop services
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: './.results',
  globalSetup: './global-setup.ts',
  use: {
    baseURL: `http://localhost:${HOST_PORT}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
  // declared first: with one worker it runs first, so the README screenshots end up from 13.2
  projects: [
    {
      name: 'grafana-12.3-react-18',
      testMatch: REACT_18_SPECS,
      metadata: { hostDeps: 'grafana-12.3', react: '18', grafana: '12.3.0' },
      use: { storageState: { cookies: hostDepsCookie('grafana-12.3'), origins: [] } },
    },
    {
      name: 'grafana-13-react-19',
      metadata: { hostDeps: 'grafana-13', react: '19', grafana: '13.2.2' },
      use: { storageState: { cookies: hostDepsCookie('grafana-13'), origins: [] } },
    },
  ],
});
