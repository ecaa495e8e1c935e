/**
 * Real-browser tests of the BUILT plugin (dist/module.js) in the playground host, in Debian's
 * Chromium (no Playwright browser download), against the real Keystone + Gnocchi stack.
 * Run: `npm run e2e` (see e2e/README.md).
 */
import { defineConfig } from '@playwright/test';

export const HOST_PORT = Number(process.env.HOST_PORT || 3000);

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
});
