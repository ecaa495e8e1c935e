/**
 * Performance in the browser (issue 13 §3), reported in README's Performance section:
 * 1. a panel whose query gets a 500 series × 1,440 points body (Gnocchi's text, about 33 MB) from a
 *    stand-in Gnocchi on loopback: the time from the body's last byte (Resource Timing `responseEnd`)
 *    to the panel published with its frames, as a fraction of the panel's time from request start;
 * 2. a 20-panel dashboard against the real stack: Keystone token requests (1), Gnocchi requests
 *    (1 per panel + the shared archive-policy look-ups, 1 per distinct metric), bytes received.
 * Timings are printed and written to bench/results/browser.json (git-ignored), never asserted.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, Page, Request, test } from '@playwright/test';

import { dashboardPanels, expectReady, passwordDs, recentRange, ROOT, seed } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { searchBody, gnocchiText } = require('../../bench/lib/bodies.cjs');

const RESULTS = join(ROOT, 'bench/results/browser.json');
const START_MS = Date.UTC(2026, 0, 1); // bench/lib/bodies.cjs
const RESOURCES = 500;
const POINTS = 1440;
const PANELS = 20;
const METRICS = ['cpu_util', 'memory.usage'];

function record(key: string, value: unknown) {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(RESULTS, 'utf8'));
  } catch {
    // first row
  }
  all[key] = { ...(value as object), at: new Date().toISOString() };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(all, null, 2) + '\n');
}

/** A stand-in Gnocchi on 127.0.0.1 (CORS for the page): `POST /v1/aggregates` → the large body, else `[]`. */
async function standIn(body: Buffer): Promise<{ server: Server; url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin ?? '*',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Timing-Allow-Origin': '*',
    };
    req.resume();
    req.on('end', () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      paths.push(`${req.method} ${req.url}`);
      const out = req.method === 'POST' && req.url?.startsWith('/v1/aggregates') ? body : Buffer.from('[]');
      res.writeHead(200, { ...cors, 'Content-Type': 'application/json', 'Content-Length': out.length }).end(out);
    });
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

/** Stamps `window.__panelDoneAt` (performance.now()) when the host first publishes a finished panel. */
async function stampPanelDone(page: Page) {
  await page.addInitScript(() => {
    let v: any;
    Object.defineProperty(window, '__panel', {
      configurable: true,
      get: () => v,
      set: (x: any) => {
        v = x;
        if (x && x.run >= 1 && x.state !== 'Loading' && x.state !== 'NotStarted' && !(window as any).__panelDoneAt) {
          (window as any).__panelDoneAt = performance.now();
        }
      },
    });
  });
}

test('large body: last byte → frames as a fraction of the panel time (500 series × 1,440 points)', async ({ page }) => {
  const body = Buffer.from(gnocchiText(JSON.parse(searchBody({ resources: RESOURCES, points: POINTS, seed: 1 }))));
  const gnocchi = await standIn(body);
  try {
    await stampPanelDone(page);
    await expectReady(page, {
      ds: { access: 'direct', url: gnocchi.url, jsonData: { mode: 'noauth' } },
      query: {
        refId: 'A',
        queryVersion: 2,
        queryMode: 'resource_search',
        resource_type: 'instance',
        metric_name: 'cpu_util',
      },
      from: START_MS,
      to: START_MS + POINTS * 60_000,
    });
    await page.waitForFunction(() => (window as any).__panelDoneAt, null, { timeout: 40_000 });
    const m = await page.evaluate((prefix) => {
      const p = (window as any).__panel;
      const doneAt = (window as any).__panelDoneAt as number;
      const entries = performance
        .getEntriesByType('resource')
        .filter((e) => e.name.startsWith(prefix + '/v1/aggregates')) as PerformanceResourceTiming[];
      const e = entries[entries.length - 1];
      return {
        state: p.state,
        errors: p.errors,
        series: p.series.length,
        points: p.series[0]?.values.length ?? 0,
        requests: entries.length,
        bytes: e.encodedBodySize,
        requestStart: e.startTime,
        responseStart: e.responseStart,
        responseEnd: e.responseEnd,
        doneAt,
      };
    }, gnocchi.url);
    expect(m.errors, JSON.stringify(m.errors)).toEqual([]);
    expect(m.state).toBe('Done');
    expect(m.series).toBe(RESOURCES);
    expect(m.points).toBe(POINTS);
    const total = m.doneAt - m.requestStart;
    const after = m.doneAt - m.responseEnd;
    const row = {
      body: `${RESOURCES} series × ${POINTS} points`,
      bodyBytes: m.bytes,
      aggregatesRequests: m.requests,
      standInRequests: gnocchi.paths,
      totalMs: Math.round(total),
      firstByteMs: Math.round(m.responseStart - m.requestStart),
      lastByteMs: Math.round(m.responseEnd - m.requestStart),
      lastByteToFramesMs: Math.round(after),
      fraction: Number((after / total).toFixed(3)),
    };
    console.log(`[performance] large body: ${JSON.stringify(row)}`);
    record('largeBody', row);
  } finally {
    await new Promise((r) => gnocchi.server.close(r));
    gnocchi.server.closeAllConnections();
  }
});

/** Panel i: resource search over one host's instances, alternately cpu_util and memory.usage. */
function dashboard() {
  const ds = { type: 'gnocchixyz-gnocchi-datasource', uid: 'gnocchi-password' };
  return {
    uid: 'perf-20',
    title: 'Twenty panels',
    schemaVersion: 41,
    version: 1,
    timezone: 'utc',
    panels: Array.from({ length: PANELS }, (_, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: `panel ${i + 1}`,
      datasource: ds,
      gridPos: { x: (i % 4) * 6, y: Math.floor(i / 4) * 4, w: 6, h: 4 },
      targets: [
        {
          refId: 'A',
          datasource: ds,
          queryVersion: 2,
          queryMode: 'resource_search',
          resource_type: 'demo_instance',
          resource_search: `host = 'compute-${(i % 4) + 1}'`,
          metric_name: METRICS[i % METRICS.length],
          label: `\${display_name}`,
        },
      ],
    })),
  };
}

const isLookup = (r: Request) => {
  const path = new URL(r.url()).pathname;
  return (
    r.method() === 'GET' && (/\/v1\/metric\/?$/.test(path) || /\/v1\/resource\/[^/]+\/[^/]+\/metric\/?$/.test(path))
  );
};

test('20-panel dashboard: 1 Keystone token, 1 Gnocchi request per panel + 1 look-up per metric', async ({ page }) => {
  const keystone: string[] = [];
  const gnocchi: Request[] = [];
  const sizes: Array<Promise<[string, number]>> = [];
  page.on('request', (r) => {
    const url = r.url();
    const ours = url.startsWith(seed.urls.gnocchi) || url.startsWith(seed.urls.keystone);
    if (!ours) {
      return;
    }
    if (r.method() === 'OPTIONS') {
      return; // (Chromium's CORS preflights do not reach Playwright's events)
    } else if (url.startsWith(seed.urls.keystone)) {
      keystone.push(`${r.method()} ${new URL(url).pathname}`);
    } else {
      gnocchi.push(r);
    }
  });
  page.on('requestfinished', (r) => {
    const service = r.url().startsWith(seed.urls.gnocchi) ? 'gnocchi' : 'keystone';
    if (r.url().startsWith(seed.urls.gnocchi) || r.url().startsWith(seed.urls.keystone)) {
      sizes.push(r.sizes().then((s) => [service, s.responseBodySize + s.responseHeadersSize]));
    }
  });
  const t0 = Date.now();
  await expectReady(page, { ds: passwordDs(), dashboard: dashboard(), ...recentRange(3) });
  const d = await dashboardPanels(page, PANELS);
  const seconds = (Date.now() - t0) / 1000;
  for (const p of d.panels) {
    expect(p.errors, `${p.title}: ${JSON.stringify(p.errors)}`).toEqual([]);
    expect(p.series.length, p.title).toBeGreaterThan(0);
  }
  const received = await Promise.all(sizes);
  const bytes = (service: string) => received.filter(([s]) => s === service).reduce((a, [, n]) => a + n, 0);
  const lookups = gnocchi.filter(isLookup).length;
  const row = {
    panels: PANELS,
    distinctMetrics: METRICS.length,
    keystoneRequests: keystone.length,
    gnocchiRequests: gnocchi.length,
    panelRequests: gnocchi.length - lookups,
    lookups,
    gnocchiBytes: bytes('gnocchi'),
    keystoneBytes: bytes('keystone'),
    seconds: Number(seconds.toFixed(1)),
  };
  console.log(`[performance] 20 panels: ${JSON.stringify(row)}`);
  record('dashboard20', row);
  expect(keystone).toEqual(['POST /v3/auth/tokens']);
  expect(row.panelRequests).toBe(PANELS);
  expect(lookups).toBe(METRICS.length);
  expect(gnocchi.length).toBe(PANELS + METRICS.length);
});
