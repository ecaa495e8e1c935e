/**
 * Helpers for the browser tests: host URLs with preloaded state, waiting for the panel and for
 * Save & test, data source settings for the real stack, services started and stopped by PID.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { expect, Page } from '@playwright/test';

import type { PanelSeries } from '../host/src/main';
import { loadSeed, Seed, STATE } from '../../tests/integration/seed';

export const ROOT = resolve(__dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');
export const seed: Seed = loadSeed();

export type { PanelSeries };
export interface PanelState {
  run: number;
  state: string;
  series: PanelSeries[];
  errors: Array<{ refId?: string; message?: string }>;
  /** scenes dashboard: the annotation events the panel draws */
  annotations?: Array<{ time: number; timeEnd?: number; title: string; text: string; tags: string[] }>;
}

export type Json = Record<string, unknown>;

export interface HostParams {
  ds?: Json;
  query?: Json;
  vars?: Array<{ name: string; multi?: boolean; options: string[]; current: string | string[] }>;
  /** a saved dashboard (dashboard mode) */
  dashboard?: unknown;
  from?: string | number;
  to?: string | number;
  module?: string;
  autotest?: boolean;
  skipSourceCheck?: boolean;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function hostPath(p: HostParams = {}): string {
  const q = new URLSearchParams();
  if (p.ds) {
    q.set('ds', b64(p.ds));
  }
  if (p.query) {
    q.set('query', b64(p.query));
  }
  if (p.vars) {
    q.set('vars', b64(p.vars));
  }
  if (p.dashboard) {
    q.set('dashboard', b64(p.dashboard));
  }
  if (p.from !== undefined) {
    q.set('from', String(p.from));
  }
  if (p.to !== undefined) {
    q.set('to', String(p.to));
  }
  if (p.module) {
    q.set('module', p.module);
  }
  if (p.autotest) {
    q.set('autotest', '1');
  }
  if (p.skipSourceCheck) {
    q.set('skipSourceCheck', '1');
  }
  const s = q.toString();
  return s ? `/?${s}` : '/';
}

/** Opens the host and waits until the plugin is loaded (or the host reported an error). */
export async function openHost(
  page: Page,
  p: HostParams = {},
  origin = ''
): Promise<{ status: string; kind?: string; message?: string }> {
  await page.goto(origin + hostPath(p));
  await page.waitForFunction(() => (window as any).__host && (window as any).__host.status !== 'loading', null, {
    timeout: 30_000,
  });
  return page.evaluate(() => (window as any).__host);
}

export async function expectReady(page: Page, p: HostParams = {}, origin = '') {
  const host = await openHost(page, p, origin);
  expect(host, JSON.stringify(host)).toMatchObject({ status: 'ready' });
}

/** Waits for a finished panel run (Done or Error) numbered at least `minRun`. */
export async function panel(page: Page, minRun = 1): Promise<PanelState> {
  await page.waitForFunction(
    (n) => {
      const p = (window as any).__panel;
      return p && p.run >= n && p.state !== 'Loading' && p.state !== 'NotStarted';
    },
    minRun,
    { timeout: 40_000 }
  );
  return page.evaluate(() => (window as any).__panel);
}

export interface DashboardState {
  title: string;
  panels: Array<PanelState & { title: string }>;
}

/** Dashboard mode: waits until each of the `count` panels finished a run numbered at least `minRun`. */
export async function dashboardPanels(page: Page, count: number, minRun = 1): Promise<DashboardState> {
  await page.waitForFunction(
    ([n, min]) => {
      const d = (window as any).__dashboard;
      const done = (p: any) => p && p.run >= min && p.state !== 'Loading' && p.state !== 'NotStarted';
      return d && d.panels.length === n && Array.from({ length: n }, (_, i) => d.panels[i]).every(done);
    },
    [count, minRun],
    { timeout: 60_000 }
  );
  return page.evaluate(() => (window as any).__dashboard);
}

/** Dashboard mode: waits until the panel titled `title` finished a run numbered at least `minRun`. */
export async function dashboardPanel(page: Page, title: string, minRun = 1): Promise<PanelState & { title: string }> {
  await page.waitForFunction(
    ([t, min]) => {
      const p = (window as any).__dashboard?.panels.find((x: any) => x?.title === t);
      return p && p.run >= (min as number) && p.state !== 'Loading' && p.state !== 'NotStarted';
    },
    [title, minRun] as const,
    { timeout: 60_000 }
  );
  return page.evaluate((t) => (window as any).__dashboard.panels.find((x: any) => x?.title === t), title);
}

/** Scenes dashboard: the variables' state (`window.__sceneVariables`). */
export async function sceneVariables(
  page: Page
): Promise<
  Record<
    string,
    { value: unknown; text: unknown; options: Array<{ label: string; value: string }>; filters?: unknown[] }
  >
> {
  return page.evaluate(() => (window as any).__sceneVariables);
}

/**
 * Scenes dashboard: picks exactly `values` in the multi-value picker of the variable shown as
 * `label` (its label, else its name), as a user does: opens it, toggles options, leaves it (Tab).
 */
export async function pickVariableValues(page: Page, label: string, name: string, values: string[]) {
  const control = page
    .getByTestId('data-testid template variable')
    .filter({ has: page.getByTestId(`data-testid Dashboard template variables submenu Label ${label}`) });
  const current = ((await sceneVariables(page))[name].value ?? []) as string[];
  await control.locator('input').click();
  const option = (v: string) =>
    page.getByTestId(`data-testid Dashboard template variables Variable Value DropDown option text ${v}`);
  for (const v of [...current.filter((c) => !values.includes(c)), ...values.filter((v) => !current.includes(v))]) {
    await option(v).click();
  }
  // the picker commits on blur (Escape would discard the change)
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await sceneVariables(page))[name].value).toEqual(values);
}

export async function currentRun(page: Page): Promise<number> {
  return page.evaluate(() => (window as any).__panel?.run ?? 0);
}

/** Clicks Save & test and returns the result shown. */
export async function saveAndTest(page: Page): Promise<{ status: string; message: string }> {
  await page.getByTestId('save-test-button').click();
  return saveTestResult(page);
}

export async function saveTestResult(page: Page): Promise<{ status: string; message: string }> {
  const result = page.getByTestId('save-test-result');
  await expect(result).toHaveAttribute('data-status', /^(success|error|warning)$/, { timeout: 40_000 });
  return {
    status: (await result.getAttribute('data-status')) ?? '',
    message: (await result.innerText()).trim(),
  };
}

export function keystoneV3(url = seed.urls.keystone) {
  return `${url.replace(/\/+$/, '')}/v3`;
}

/** Browser-mode settings with the demo user's Keystone password. */
export function passwordDs(jsonData: Json = {}, url = keystoneV3()): Json {
  const u = seed.users.grafana;
  return {
    access: 'direct',
    url,
    jsonData: {
      mode: 'keystone',
      username: u.name,
      password: u.password,
      domain: 'default',
      project: u.project,
      projectDomainId: 'default',
      ...jsonData,
    },
  };
}

export function appCredentialDs(): Json {
  const ac = seed.application_credential;
  return {
    access: 'direct',
    url: seed.urls.keystone,
    jsonData: { mode: 'application_credential', appCredentialId: ac.id, appCredentialSecret: ac.secret },
  };
}

/** The seed's recent window: the last `hours` hours of the seeded measures. */
export function recentRange(hours = 3) {
  const end = seed.measures.end_unix * 1000;
  return { from: end - hours * 3_600_000, to: end + 1 };
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * A stack service started from stack/bin/<script> with env overrides, in its own process group
 * (so that stop() reaches uwsgi's workers too); its output goes to $STACK_STATE/log/e2e-<name>.log.
 */
const running = new Set<StackService>();

/** Stops every StackService still running (afterEach/afterAll: also after a test timed out). */
export async function stopAllServices() {
  await Promise.all([...running].map((s) => s.stop()));
}

/**
 * After a spec whose StackServices ran keystone.sh / gnocchi-api.sh with overrides (port,
 * expose_headers): those rewrote the shared config files, so write the stack's own config back (the
 * running services read it at start only).
 */
export async function restoreStackConfig() {
  await stopAllServices();
  const { spawnSync } = await import('node:child_process');
  spawnSync('bash', [join(ROOT, 'stack/lib/write-config.sh'), 'all'], { stdio: 'ignore' });
}

// last resort if the worker exits while a service runs: SIGKILL its process group
process.on('exit', () => {
  for (const s of running) {
    if (s.pid) {
      try {
        process.kill(-s.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }
});

export class StackService {
  private proc?: ChildProcess;
  readonly log: string;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: Record<string, string>
  ) {
    mkdirSync(join(STATE, 'log'), { recursive: true });
    this.log = join(STATE, 'log', `e2e-${name}.log`);
  }

  get pid() {
    return this.proc?.pid;
  }

  start() {
    const out = openSync(this.log, 'a');
    this.proc = spawn('bash', [join(ROOT, 'stack/bin', this.script)], {
      env: { ...process.env, STACK_STATE: STATE, ...this.env },
      detached: true, // setsid: its own process group
      stdio: ['ignore', out, out],
    });
    this.proc.unref();
    running.add(this);
    this.proc.once('exit', () => running.delete(this));
  }

  async waitFor(url: string, ok: (status: number) => boolean, timeoutMs = 45_000) {
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs) {
      if (this.proc?.exitCode !== null && this.proc?.exitCode !== undefined) {
        throw new Error(`${this.name} exited with ${this.proc.exitCode}; see ${this.log}`);
      }
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (ok(res.status)) {
          return;
        }
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${this.name} did not answer at ${url} within ${timeoutMs / 1000} s; see ${this.log}`);
  }

  /** SIGTERM to the process group, SIGKILL after 10 s; resolves once the leader has exited. */
  async stop() {
    const p = this.proc;
    if (!p?.pid || p.exitCode !== null || p.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    const kill = (sig: NodeJS.Signals) => {
      try {
        process.kill(-p.pid!, sig);
      } catch {
        // already gone
      }
    };
    kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    kill('SIGKILL'); // stragglers of the group, if any
  }
}
