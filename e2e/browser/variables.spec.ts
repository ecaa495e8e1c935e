/** A multi-value dashboard variable ($hosts) changes the series the panel shows. */
import { expect, test } from '@playwright/test';

import { currentRun, expectReady, panel, passwordDs, recentRange } from './helpers';

const HOSTS = ['compute-1', 'compute-2', 'compute-3', 'compute-4'];

test('selecting values of $hosts re-runs the query with a Gnocchi `in` filter', async ({ page }) => {
  await expectReady(page, {
    ds: passwordDs(),
    query: {
      refId: 'A',
      queryVersion: 2,
      queryMode: 'dynamic_aggregates',
      resource_type: 'demo_instance',
      resource_search: 'host in $hosts',
      operations: '(aggregate mean (metric cpu_util mean))',
      groupby: 'host',
      label: '${host}',
    },
    vars: [{ name: 'hosts', multi: true, options: HOSTS, current: ['compute-1', 'compute-3'] }],
    ...recentRange(),
  });
  let p = await panel(page);
  expect(p.errors).toEqual([]);
  expect(p.series.map((s) => s.name)).toEqual(['compute-1', 'compute-3']);

  let run = await currentRun(page);
  await page.getByTestId('var-hosts').selectOption(['compute-2', 'compute-3', 'compute-4']);
  p = await panel(page, run + 1);
  expect(p.series.map((s) => s.name)).toEqual(['compute-2', 'compute-3', 'compute-4']);
  await expect(page.getByTestId('series')).toHaveCount(3);

  run = await currentRun(page);
  await page.getByTestId('var-hosts').selectOption(['compute-4']);
  p = await panel(page, run + 1);
  expect(p.series.map((s) => s.name)).toEqual(['compute-4']);
});
