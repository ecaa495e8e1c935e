/**
 * Code mode in the playground with the real Monaco (bundled by the host from node_modules, as
 * Grafana bundles it): completion of a function and of a metric name from Gnocchi, the panel drawn
 * on blur; a malformed operations string flagged (marker and message) before any request; the
 * preview of the exact request; no request leaves loopback (no CDN).
 */
import { join } from 'node:path';
import { expect, Page, Request, test } from '@playwright/test';

import { selectors } from '../../src/components/selectors';
import { currentRun, expectReady, passwordDs, SCREENSHOTS, seed } from './helpers';

const S = selectors.queryEditor;

const cloud = (seed as unknown as { cloud: { measures: { end_unix: number } } }).cloud;
const range = () => {
  const end = cloud.measures.end_unix * 1000;
  return { from: end - 3 * 3_600_000, to: end + 1 };
};

const QUERY = {
  refId: 'A',
  queryVersion: 2,
  queryMode: 'dynamic_aggregates',
  editorMode: 'code',
  resource_type: 'instance',
  groupby: 'flavor_name',
  label: '${flavor_name}',
};

/** Every request the page sends, and those that reach Gnocchi. */
function record(page: Page) {
  const all: Request[] = [];
  page.on('request', (r) => all.push(r));
  return {
    all,
    gnocchi: () => all.filter((r) => new URL(r.url()).port === String(new URL(seed.urls.gnocchi).port)),
  };
}

const operations = (page: Page) => page.getByTestId('code-field-operations');
const suggest = (page: Page) => page.locator('.suggest-widget.visible');

async function savedQuery(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.getByTestId('query-json').textContent()) ?? '{}');
}

/** Types into the focused Monaco editor and waits for the suggestion `label` to be offered. */
async function typeUntilSuggested(page: Page, text: string, label: string) {
  await page.keyboard.type(text, { delay: 40 });
  const item = suggest(page).locator('.monaco-list-row', { hasText: label }).first();
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(suggest(page).locator('.monaco-list-row.focused')).toContainText(label);
}

test('completes a function and a metric name from Gnocchi, and runs on blur', async ({ page }) => {
  const requests = record(page);
  await expectReady(page, { ds: passwordDs(), query: { ...QUERY, operations: '' }, ...range() });
  const editor = operations(page).locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  const run = await currentRun(page);
  await editor.click();

  await typeUntilSuggested(page, '(agg', 'aggregate');
  await page.keyboard.press('Enter');
  await page.keyboard.type(' mean (metric ', { delay: 40 });
  await typeUntilSuggested(page, 'memory.u', 'memory.usage');
  await page.getByTestId('query-section').screenshot({ path: join(SCREENSHOTS, 'code-mode-completion.png') });
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.type(' mean))', { delay: 40 });
  await page.keyboard.press('Escape');
  // typing sent nothing: the query is committed when the field loses focus
  expect(requests.gnocchi().filter((r) => r.url().includes('/v1/aggregates'))).toEqual([]);
  await page.getByRole('heading', { name: 'Query', exact: true }).click();

  await expect
    .poll(async () => (await savedQuery(page)).operations)
    .toBe('(aggregate mean (metric memory.usage mean))');
  await expect
    .poll(
      () =>
        page.evaluate((n) => {
          const p = window.__panel;
          return p && p.run > n && p.state === 'Done' ? p.series.map((s) => s.name).sort() : p?.errors;
        }, run),
      { timeout: 40_000 }
    )
    .toEqual(['m1.large', 'm1.medium', 'm1.small']);
  await expect(page.getByTestId('panel').locator('canvas').first()).toBeVisible();
  // Monaco and its worker came from the host, nothing from outside loopback (no CDN)
  const foreign = requests.all
    .map((r) => new URL(r.url()))
    .filter((u) => !/^(localhost|127\.0\.0\.1)$/.test(u.hostname));
  expect(foreign.map(String)).toEqual([]);
});

test('a malformed operations string is flagged before any request, saved and not run', async ({ page }) => {
  test.slow(); // Monaco, completion look-ups and a settle wait: more than the default on a loaded machine
  const ok = '(aggregate sum (metric memory.usage mean))';
  await expectReady(page, { ds: passwordDs(), query: { ...QUERY, operations: ok }, ...range() });
  const editor = operations(page).locator('.monaco-editor').first();
  await expect(editor).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => currentRun(page), { timeout: 40_000 }).toBeGreaterThan(0);
  // the runs of the page load are over (the host may run the query twice as it settles)
  // settled: the panel is done and no new run started for 3 s (not `networkidle`, which a loaded
  // machine may never reach within the test's time)
  let last = -1;
  await expect
    .poll(
      async () => {
        const [run, state] = await page.evaluate(() => [window.__panel?.run, window.__panel?.state] as const);
        const settled = run === last && state === 'Done';
        last = run ?? -1;
        return settled;
      },
      { intervals: [3_000], timeout: 40_000 }
    )
    .toBe(true);
  const requests = record(page);
  const run = await currentRun(page);

  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('(aggregate mean (metric cpu_util mean)', { delay: 20 });
  await page.keyboard.press('Escape');
  const message = 'Unbalanced parentheses: this "(" is never closed (column 1)';
  await expect(page.getByText(message)).toBeVisible();
  await expect(editor.locator('.squiggly-error').first()).toBeAttached();
  await expect(operations(page).getByRole('textbox', { name: S.operations })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('heading', { name: 'Query', exact: true }).click();
  await expect.poll(async () => (await savedQuery(page)).operations).toBe('(aggregate mean (metric cpu_util mean)');
  await page.waitForTimeout(2_000);
  // no query went out (typing asked Gnocchi only for completion look-ups: names, policies, types)
  const sent = requests.gnocchi().map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
  expect(sent.filter((r) => r.includes('/v1/aggregates'))).toEqual([]);
  for (const r of sent) {
    expect(r).toMatch(/^(OPTIONS|GET|POST) \/v1\/(resource_type|archive_policy|search\/resource)\b/);
  }
  expect(await currentRun(page)).toBe(run);
});

test('the preview shows the exact request the query sent', async ({ page }) => {
  const requests = record(page);
  await expectReady(page, {
    ds: passwordDs(),
    query: {
      ...QUERY,
      operations: '(aggregate sum (metric memory.usage mean))',
      resource_search: "flavor_name = 'm1.small'",
    },
    ...range(),
  });
  await expect.poll(() => page.evaluate(() => window.__panel?.state), { timeout: 40_000 }).toBe('Done');
  const sent = requests
    .gnocchi()
    .filter((r) => r.method() === 'POST' && r.url().includes('/v1/aggregates'))
    .map((r) => {
      const url = new URL(r.url());
      return { path: url.pathname, params: [...url.searchParams].sort(), body: JSON.parse(r.postData() ?? '') };
    });
  expect(sent.length).toBeGreaterThan(0);

  const preview = page.getByRole('region', { name: selectors.codeMode.requestPreview });
  await preview.getByText(new RegExp(`^${selectors.codeMode.requestPreview}`)).click();
  const blocks = preview.getByLabel(new RegExp(`^${selectors.codeMode.request} \\d+$`));
  await expect(blocks.first()).toBeVisible();
  // each block is a request Gnocchi received: the same path, parameters and body
  for (const text of await blocks.allTextContents()) {
    const [line, body] = text.split('\n');
    expect(line).toMatch(/^POST \/v1\/aggregates\?/);
    const shown = new URL(line.replace(/^POST /, ''), 'http://gnocchi');
    const request = { path: shown.pathname, params: [...shown.searchParams].sort(), body: JSON.parse(body) };
    expect(sent).toContainEqual(request);
    expect(request.body).toMatchObject({ operations: '(aggregate sum (metric memory.usage mean))' });
  }
  await page.getByTestId('query-section').screenshot({ path: join(SCREENSHOTS, 'code-mode-preview.png') });
});
