/**
 * The provisioned demo dashboard (provisioning/dashboards/gnocchi-demo.json) in the playground's
 * scenes dashboard (@grafana/scenes: variables bar, ad hoc filters, annotation layer, VizPanels
 * with the runtime time-series panel) against the real stack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, Page, Request, test } from '@playwright/test';

import {
  dashboardPanel,
  dashboardPanels,
  expectReady,
  passwordDs,
  pickVariableValues,
  ROOT,
  sceneVariables,
  seed,
} from './helpers';

const DEMO = JSON.parse(readFileSync(join(ROOT, 'provisioning/dashboards/gnocchi-demo.json'), 'utf8'));
const PANELS = 6;
const IMG = join(ROOT, 'docs/img');

/**
 * The seed's measures up to now. Resources (and their creation events) are as old as the stack's
 * first (cold) seed: a warm start keeps them and posts newer measures, so a range of the last hours
 * would miss them once the template is a few hours old; every measure is newer than `start`.
 */
function range() {
  return {
    from: seed.measures.start_unix * 1000,
    to: Math.max(Date.now(), Date.parse((seed as unknown as { seeded_at: string }).seeded_at) + 600_000),
  };
}

/** Gnocchi request bodies/URLs sent from now on. */
function recordGnocchi(page: Page) {
  const seen: string[] = [];
  const onRequest = (r: Request) => {
    if (r.url().startsWith(seed.urls.gnocchi) && r.method() !== 'OPTIONS') {
      seen.push(`${decodeURIComponent(r.url())} ${r.postData() ?? ''}`);
    }
  };
  page.on('request', onRequest);
  return seen;
}

async function run(page: Page, title: string) {
  return page.evaluate((t) => (window as any).__dashboard.panels.find((p: any) => p.title === t)?.run ?? 0, title);
}

test('the demo dashboard as a scene: variables, ad hoc filters and lifecycle annotations on real data', async ({
  page,
}) => {
  await expectReady(page, { ds: passwordDs(), dashboard: DEMO, ...range() });
  const dashboard = page.getByTestId('dashboard');
  await expect(dashboard).toHaveAttribute('data-engine', 'scenes');
  await expect(dashboard).toHaveAttribute('data-variables', 'refreshed', { timeout: 30_000 });
  await expect(page.getByTestId('variables-error')).toHaveCount(0);

  // query variables ran through the plugin's variable support (each kind)
  const vars = await sceneVariables(page);
  expect(vars.hosts.value).toEqual(['compute-1', 'compute-2']);
  expect(vars.hosts.options.map((o: any) => o.value).sort()).toEqual([
    'compute-1',
    'compute-2',
    'compute-3',
    'compute-4',
  ]);
  expect(vars.flavors.options.map((o: any) => o.value)).toEqual(
    expect.arrayContaining(['m1.large', 'm1.medium', 'm1.small'])
  );
  expect(vars.web_metric.options.map((o: any) => o.value)).toEqual(
    expect.arrayContaining(['cpu_util', 'memory.usage'])
  );
  expect(vars.granularity.options.map((o: any) => o.value)).toEqual(expect.arrayContaining(['60', '3600', '86400']));
  expect(vars.web01_cpu).toMatchObject({ text: 'web-01', value: expect.stringMatching(/^[0-9a-f-]{36}$/) });

  let d = await dashboardPanels(page, PANELS);
  for (const p of d.panels) {
    expect(p.errors, `${p.title}: ${JSON.stringify(p.errors)}`).toEqual([]);
    expect(p.series.length, p.title).toBeGreaterThan(0);
  }
  const cpu = 'CPU by host (dynamic aggregates, groupby host)';
  const byTitle = (t: string) => d.panels.find((p) => p.title === t)!;
  expect(byTitle(cpu).series.map((s) => s.name)).toEqual(['compute-1', 'compute-2']);
  expect(
    byTitle('Max CPU per flavor (resource aggregation)')
      .series.map((s) => s.name)
      .sort()
  ).toEqual(['m1.large', 'm1.medium', 'm1.small']);

  // lifecycle annotations: creation events of the seeded instances on $hosts, drawn on the panels
  await expect
    .poll(
      async () =>
        (
          await page.evaluate(() => (window as any).__dashboard.panels.map((p: any) => p.annotations?.length ?? 0))
        ).filter((n: number) => n > 0).length,
      { timeout: 30_000 }
    )
    .toBeGreaterThanOrEqual(1);
  d = await page.evaluate(() => (window as any).__dashboard);
  const events = d.panels.find((x) => x.annotations?.length)!.annotations!;
  expect(events.map((e) => e.title)).toContain('instance web-01 created');
  expect(events.every((e) => /^instance \S+ (created|deleted)$/.test(e.title))).toBe(true);
  expect(events.find((e) => e.title === 'instance web-01 created')).toMatchObject({
    text: 'web-01 (m1.small) on compute-1',
    tags: expect.arrayContaining(['compute-1', 'm1.small']),
  });
  await expect(page.getByTestId('annotation-marker').first()).toBeVisible();

  // a variable change re-runs the panels that use it: $hosts → compute-3 only
  let gnocchi = recordGnocchi(page);
  let before = await run(page, cpu);
  await pickVariableValues(page, 'Hosts', 'hosts', ['compute-3']);
  let p = await dashboardPanel(page, cpu, before + 1);
  expect(p.errors).toEqual([]);
  expect(p.series.map((s) => s.name)).toEqual(['compute-3']);
  expect(gnocchi.some((r) => r.includes('/v1/aggregates') && r.includes('compute-3') && !r.includes('compute-1'))).toBe(
    true
  );
  // the annotation layer uses $hosts too: its new events (instances on compute-3 only) reach the panels
  const hostsOfEvents = async () =>
    page.evaluate(() =>
      (window as any).__dashboard.panels.map((x: any) => [
        ...new Set((x.annotations ?? []).map((e: any) => e.text.replace(/.* on /, ''))),
      ])
    );
  await expect
    .poll(async () => (await hostsOfEvents()).filter((h: string[]) => h.join() === 'compute-3').length, {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(1);

  // the ad hoc filter bar narrows every panel: flavor = m1.small, folded into each Gnocchi search
  gnocchi = recordGnocchi(page);
  const perFlavor = 'Max CPU per flavor (resource aggregation)';
  before = await run(page, perFlavor);
  // an option of the open picker menu (not, say, a legend entry with the same text)
  const option = (text: string) =>
    page.getByTestId('data-testid Select option').filter({ hasText: new RegExp(`^${text.replace('.', '\\.')}$`) });
  await page.getByTestId('AdHocFilter-add').click();
  await page.keyboard.type('flavor');
  await option('flavor').click();
  // the value picker (its menu opens on focus, with the values from getTagValues)
  await page.getByTestId('AdHocFilter-flavor').locator('input').last().focus();
  await page.keyboard.type('m1.small');
  await option('m1.small').click();
  await expect
    .poll(async () => (await sceneVariables(page)).Filters.filters)
    .toEqual([expect.objectContaining({ key: 'flavor', operator: '=', value: 'm1.small' })]);
  p = await dashboardPanel(page, perFlavor, before + 1);
  expect(p.errors).toEqual([]);
  expect(p.series.map((s) => s.name)).toEqual(['m1.small']);
  // every panel's Gnocchi request carries the filter (searches, aggregates bodies)
  await expect.poll(() => gnocchi.filter((r) => r.includes('m1.small')).length).toBeGreaterThanOrEqual(4);
  expect(gnocchi.some((r) => r.includes('/v1/aggregates') && r.includes('m1.small'))).toBe(true);
  // the lifecycle annotations are narrowed as well (m1.small instances on compute-3)
  await expect
    .poll(
      async () =>
        page.evaluate(
          () =>
            (window as any).__dashboard.panels.filter(
              (x: any) => x.annotations?.length && x.annotations.every((e: any) => e.text.includes('(m1.small)'))
            ).length
        ),
      { timeout: 30_000 }
    )
    .toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('annotation-marker').first()).toBeVisible();
  await page.getByTestId('dashboard').screenshot({ path: join(IMG, 'scenes-dashboard.png') });

  // panel edit: the plugin's query editor on the panel's query
  await page.getByRole('button', { name: `Edit panel ${cpu}` }).click();
  const edit = page.getByTestId('panel-edit');
  await expect(edit).toBeVisible();
  await expect(edit.getByTestId('panel-edit-query')).toHaveCount(1);
  await expect(edit.getByLabel('Resource type').first()).toBeVisible();
  await page.getByTestId('panel-edit-close').click();
  await expect(edit).toHaveCount(0);
});

test('old variable strings open migrated in the variable editor and keep running', async ({ page }) => {
  await expectReady(page, { ds: passwordDs(), dashboard: DEMO, ...range() });
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-variables', 'refreshed', { timeout: 30_000 });
  await page.getByTestId('open-variables-edit').click();
  const hosts = page.locator('[data-testid="variable-edit"][data-name="hosts"]');
  await expect(hosts).toBeVisible();
  // `resources(demo_host, name)` (1.x) shown as the Resources kind with its fields; the editor saves it once
  await expect(hosts.getByLabel('Variable kind')).toHaveValue('Resources');
  await expect(hosts.getByLabel('Variable resource type')).toHaveValue('demo_host');
  await expect(hosts.getByLabel('Variable value attribute')).toHaveValue('name');
  const saved = JSON.parse((await hosts.getByTestId('variable-query-json').textContent()) ?? '{}');
  expect(saved).toMatchObject({ kind: 'resources', resource_type: 'demo_host', value: 'name' });
  // the 4-argument form with a search
  const web = page.locator('[data-testid="variable-edit"][data-name="web01_cpu"]');
  await expect(web.getByLabel('Variable resource type')).toHaveValue('demo_instance');
  await expect(web.getByLabel('Variable value attribute')).toHaveValue('metrics.cpu_util');
  await expect(web.getByLabel('Variable resource search')).toHaveValue("display_name = 'web-01'");
  // the migrated query runs: same values as the 1.x string
  await hosts.getByTestId('variable-run').click();
  await expect(hosts.getByTestId('variable-preview')).toContainText('4 values');
  await page.getByTestId('variables-edit').screenshot({ path: join(IMG, 'scenes-variable-editor.png') });
});
