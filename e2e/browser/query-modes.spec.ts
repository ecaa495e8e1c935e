/**
 * Every query mode of the built plugin renders a @grafana/ui time-series panel with the series
 * names and values the seed formulas give (stack/README.md, tests/integration/seed.ts).
 */
import { join } from 'node:path';
import { expect, Page, test } from '@playwright/test';

import { seedValue } from '../../tests/integration/seed';
import { expectReady, Json, panel, PanelState, passwordDs, recentRange, SCREENSHOTS, seed } from './helpers';

const vms = () => Object.entries(seed.resources).filter(([name]) => name.startsWith('vm-'));

async function runMode(page: Page, query: Json, range = recentRange()): Promise<PanelState> {
  await expectReady(page, { ds: passwordDs(), query: { refId: 'A', ...query }, ...range });
  const p = await panel(page);
  expect(p.errors, JSON.stringify(p.errors)).toEqual([]);
  expect(p.state).toBe('Done');
  // a real uPlot canvas and the legend are on the page
  await expect(page.getByTestId('panel').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('panel').locator('[data-testid="series"]').first()).toBeVisible();
  return p;
}

async function shoot(page: Page, name: string) {
  await page.getByTestId('panel-section').screenshot({ path: join(SCREENSHOTS, `panel-${name}.png`) });
}

test('dynamic_aggregates: mean of cpu_util per host', async ({ page }) => {
  const p = await runMode(page, {
    queryVersion: 2,
    queryMode: 'dynamic_aggregates',
    resource_type: 'demo_instance',
    operations: '(aggregate mean (metric cpu_util mean))',
    groupby: 'host',
    label: 'cpu of ${host}',
  });
  expect(p.series.map((s) => s.name)).toEqual([
    'cpu of compute-1',
    'cpu of compute-2',
    'cpu of compute-3',
    'cpu of compute-4',
  ]);
  for (const s of p.series) {
    const host = s.name.replace('cpu of ', '');
    const members = vms()
      .filter(([, r]) => r.host === host)
      .map(([, r]) => r.index);
    const checked = s.times.map((t, i) => [t, s.values[i]] as const).filter(([, v]) => v !== null);
    expect(checked.length).toBeGreaterThan(30);
    for (const [t, v] of checked) {
      const expected = members.reduce((sum, i) => sum + seedValue('cpu_util', i, t / 1000), 0) / members.length;
      expect(v).toBeCloseTo(expected, 6);
    }
  }
  await expect(page.getByTestId('series').first()).toHaveAttribute('data-name', 'cpu of compute-1');
  await shoot(page, 'dynamic_aggregates');
  await page.getByTestId('query-section').screenshot({ path: join(SCREENSHOTS, 'query-editor.png') });
});

test('resource_search: one series per resource, exact memory.usage values', async ({ page }) => {
  const p = await runMode(page, {
    queryVersion: 2,
    queryMode: 'resource_search',
    resource_type: 'demo_instance',
    resource_search: "display_name like 'web-%'",
    metric_name: 'memory.usage',
    label: '${display_name} $metric',
    draw_missing_datapoint_as_zero: false,
  });
  const web = vms().filter(([, r]) => String(r.display_name).startsWith('web-'));
  expect(p.series.map((s) => s.name).sort()).toEqual(web.map(([, r]) => `${r.display_name} memory.usage`).sort());
  for (const [, r] of web) {
    const s = p.series.find((x) => x.name === `${r.display_name} memory.usage`)!;
    expect(s.values.length).toBeGreaterThan(30);
    expect(new Set(s.values)).toEqual(new Set([seedValue('memory.usage', r.index, 0)]));
    expect(s.last).toBe(1024 * (r.index + 1));
  }
  await shoot(page, 'resource_search');
});

test('resource_aggregation: max of cpu_util per flavor', async ({ page }) => {
  const p = await runMode(page, {
    queryVersion: 2,
    queryMode: 'resource_aggregation',
    resource_type: 'demo_instance',
    metric_name: 'cpu_util',
    aggregator: 'mean',
    reaggregator: 'max',
    groupby: 'flavor',
    label: '$flavor',
  });
  const flavors = [...new Set(vms().map(([, r]) => String(r.flavor)))].sort();
  expect(p.series.map((s) => s.name)).toEqual(flavors);
  for (const s of p.series) {
    const members = vms()
      .filter(([, r]) => r.flavor === s.name)
      .map(([, r]) => r.index);
    const pts = s.times.map((t, i) => [t, s.values[i]] as const).filter(([, v]) => v !== null);
    expect(pts.length).toBeGreaterThan(30);
    for (const [t, v] of pts) {
      expect(v).toBeCloseTo(Math.max(...members.map((i) => seedValue('cpu_util', i, t / 1000))), 6);
    }
  }
  await shoot(page, 'resource_aggregation');
});

test('resource: resource id + metric name, named from its attributes', async ({ page }) => {
  const vm = seed.resources['vm-001'];
  const p = await runMode(page, {
    queryVersion: 2,
    queryMode: 'resource',
    resource_type: 'demo_instance',
    resource_id: 'vm-001',
    metric_name: 'cpu_util',
    label: '${display_name} on $host',
    draw_missing_datapoint_as_zero: false,
  });
  expect(p.series.map((s) => s.name)).toEqual([`${vm.display_name} on ${vm.host}`]);
  const s = p.series[0];
  const pts = s.times.map((t, i) => [t, s.values[i]] as const).filter(([, v]) => v !== null);
  expect(pts.length).toBeGreaterThan(30);
  for (const [t, v] of pts) {
    expect(v).toBeCloseTo(seedValue('cpu_util', vm.index, t / 1000), 6);
  }
  await shoot(page, 'resource');
});

test('metric: the fixed metric gives exactly 1..10 per minute and 5.5 per hour', async ({ page }) => {
  const from = Date.UTC(2024, 0, 1);
  const minutes = await runMode(
    page,
    {
      queryVersion: 2,
      queryMode: 'metric',
      metric_id: seed.fixed.metric_id,
      granularity: '60',
      draw_missing_datapoint_as_zero: false,
    },
    { from, to: from + 600_000 }
  );
  expect(minutes.series).toHaveLength(1);
  expect(minutes.series[0].values).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(minutes.series[0].times).toEqual(seed.fixed.timestamps.map((t) => Date.parse(t)));
  await expect(page.getByTestId('series')).toHaveAttribute('data-last', '10');
  await shoot(page, 'metric');

  const hourly = await runMode(
    page,
    { queryVersion: 2, queryMode: 'metric', metric_id: seed.fixed.metric_id, granularity: '3600' },
    { from, to: from + 3_600_000 }
  );
  expect(hourly.series[0].values).toEqual([5.5]);
  expect(hourly.series[0].times).toEqual([from]);
});
