/**
 * Reliability cases only a browser shows (CORS, the per-origin connection limit), against the real
 * Keystone and Gnocchi across origins: the host page is on http://localhost:3000, Keystone and
 * Gnocchi on 127.0.0.1, and small stand-in Gnocchi servers started here on 127.0.0.1 (random
 * ports) answer what the real one would not. The datasource instance the host loaded is driven
 * with `page.evaluate` (through the host's SystemJS registry, as Grafana's panels call it).
 *
 * Keystone's token header not exposed to the browser (`X-Subject-Token` missing from
 * Access-Control-Expose-Headers) is covered by negative.spec.ts ("Keystone that does not expose
 * X-Subject-Token"), with a Keystone started with that CORS setting.
 */
import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { expect, Page, test } from '@playwright/test';

import { expectReady, panel, passwordDs, recentRange, seed } from './helpers';

const HOST_ORIGIN = 'http://localhost:3000';

const QUERY = {
  refId: 'A',
  queryVersion: 2,
  queryMode: 'resource_search',
  resource_type: 'demo_host',
  metric_name: 'load',
};

interface Seen {
  method: string;
  url: string;
}

/** A stand-in Gnocchi on 127.0.0.1: records what reached it and how many requests were open at once. */
interface StandIn {
  url: string;
  seen: Seen[];
  open: number;
  maxOpen: number;
  close(): Promise<void>;
}

async function standIn(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<StandIn> {
  const sockets = new Set<Socket>();
  const self: StandIn = { url: '', seen: [], open: 0, maxOpen: 0, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    self.seen.push({ method: req.method ?? '', url: req.url ?? '' });
    if (req.method !== 'OPTIONS') {
      self.open++;
      self.maxOpen = Math.max(self.maxOpen, self.open);
      res.on('close', () => self.open--);
    }
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  self.close = async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((r) => server.close(() => r()));
  };
  return self;
}

const CORS = {
  'Access-Control-Allow-Origin': HOST_ORIGIN,
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Max-Age': '600',
};

/** Answers preflights allowing these request headers; every other request gets `answer`. */
function preflightThen(allowHeaders: string, answer: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { ...CORS, 'Access-Control-Allow-Headers': allowHeaders });
      res.end();
      return;
    }
    req.resume();
    req.on('end', () => answer(req, res));
  };
}

/** Forwards to the real Gnocchi (CORS headers included), holding each POST `delayMs` first. */
function forwardToGnocchi(delayMs: number) {
  const target = new URL(seed.urls.gnocchi);
  return (req: IncomingMessage, res: ServerResponse) => {
    const go = () => {
      const up = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (u) => {
          res.writeHead(u.statusCode ?? 502, u.headers);
          u.pipe(res);
        }
      );
      up.on('error', () => res.destroy());
      req.pipe(up);
    };
    if (req.method === 'POST' && delayMs > 0) {
      req.pause();
      setTimeout(() => {
        req.resume();
        go();
      }, delayMs);
    } else {
      go();
    }
  };
}

/** The datasource the host loaded, queried `n` times at once as `n` panels would. */
async function concurrentPanels(page: Page, n: number, range: { from: number; to: number }) {
  return page.evaluate(
    async ({ n, range, query }) => {
      const System = (window as any).System;
      const runtime = await System.import('package:@grafana/runtime');
      const rxjs = await System.import('package:rxjs');
      const data = await System.import('package:@grafana/data');
      const ds = await runtime.getDataSourceSrv().get();
      const from = data.dateTime(range.from);
      const to = data.dateTime(range.to);
      const t0 = performance.now();
      const results = await Promise.all(
        Array.from({ length: n }, async (_, i) => {
          const start = performance.now();
          const res = await rxjs.lastValueFrom(
            ds.query({
              requestId: `P${i}`,
              interval: '1m',
              intervalMs: 60_000,
              range: { from, to, raw: { from, to } },
              scopedVars: {},
              targets: [query],
              timezone: 'utc',
              app: 'dashboard',
              startTime: Date.now(),
            })
          );
          return {
            ms: performance.now() - start,
            errors: (res.errors ?? []).map((e: { message?: string }) => e.message ?? ''),
            frames: res.data.length,
          };
        })
      );
      return { totalMs: performance.now() - t0, results };
    },
    { n, range, query: QUERY }
  );
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

test('Gnocchi answers 500 without CORS headers: the browser sees a network failure, and says what it cannot tell', async ({
  page,
}) => {
  const gnocchi = await standIn(
    preflightThen('Content-Type, X-Auth-Token', (_q, res) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end('{"code": 500, "title": "Internal Server Error", "description": "storage backend unreachable"}');
    })
  );
  try {
    await expectReady(page, { ds: passwordDs({ endpoint: gnocchi.url }), query: QUERY, ...recentRange() });
    const p = await panel(page);
    expect(p.state).toBe('Error');
    const message = p.errors.map((e) => e.message).join('\n');
    expect(message).toMatch(
      new RegExp(
        `^The browser could not reach Gnocchi at ${escape(gnocchi.url)}/v1/aggregates\\?[^ ]* from ${escape(HOST_ORIGIN)} \\(POST\\)\\. The usual cause is CORS`
      )
    );
    expect(message).toContain('a Gnocchi 5xx error also arrives without CORS headers and looks the same');
    // the request did reach Gnocchi, which answered 500: only the browser hid it
    expect(gnocchi.seen.some((s) => s.method === 'POST' && s.url.startsWith('/v1/aggregates'))).toBe(true);
    // the status and body never reached the page
    expect(message).not.toContain('storage backend unreachable');
    await expect(page.getByTestId('panel-error')).toContainText('The browser could not reach Gnocchi');
  } finally {
    await gnocchi.close();
  }
});

test('a request header the CORS configuration does not allow: the preflight fails, the request is never sent', async ({
  page,
}) => {
  // X-Auth-Token missing from Access-Control-Allow-Headers
  const gnocchi = await standIn(
    preflightThen('Content-Type', (_q, res) => {
      res.writeHead(200, { ...CORS, 'Content-Type': 'application/json' });
      res.end('[]');
    })
  );
  try {
    await expectReady(page, { ds: passwordDs({ endpoint: gnocchi.url }), query: QUERY, ...recentRange() });
    const p = await panel(page);
    expect(p.state).toBe('Error');
    expect(p.errors.map((e) => e.message).join('\n')).toMatch(
      new RegExp(
        `^The browser could not reach Gnocchi at ${escape(gnocchi.url)}/v1/aggregates\\?[^ ]* from ${escape(HOST_ORIGIN)} \\(POST\\)\\. The usual cause is CORS: Gnocchi must allow this Grafana origin`
      )
    );
    // only the preflight reached the server
    expect(gnocchi.seen.length).toBeGreaterThan(0);
    expect(gnocchi.seen.every((s) => s.method === 'OPTIONS')).toBe(true);
  } finally {
    await gnocchi.close();
  }
});

test.describe('200 concurrent panel queries under the per-origin connection limit', () => {
  test.setTimeout(180_000);

  test('against the real stack: all succeed, one token request', async ({ page }) => {
    // token requests from the page's opening on (the host may authenticate before the panels run)
    const tokenRequests: string[] = [];
    page.on('request', (q) => {
      if (q.method() === 'POST' && q.url().endsWith('/v3/auth/tokens')) {
        tokenRequests.push(q.url());
      }
    });
    await expectReady(page, { ds: passwordDs() });
    const r = await concurrentPanels(page, 200, recentRange());
    expect(tokenRequests).toHaveLength(1);
    const failed = r.results.filter((x) => x.errors.length);
    expect(failed.map((x) => x.errors[0])).toEqual([]);
    expect(r.results.every((x) => x.frames === 4)).toBe(true);
    const ms = r.results.map((x) => x.ms);
    console.log(
      `real stack, 200 panels: total ${Math.round(r.totalMs)} ms, per panel p50 ${Math.round(quantile(ms, 0.5))} ms, max ${Math.round(Math.max(...ms))} ms`
    );
  });

  test('each answer 400 ms late, 4 s timeout: time spent queued for a connection does not count', async ({ page }) => {
    // 200 requests × 0.4 s over at most 6 connections ≈ 14 s in all, each request 0.4 s on the wire
    const gnocchi = await standIn(forwardToGnocchi(400));
    try {
      await expectReady(page, { ds: passwordDs({ endpoint: gnocchi.url, timeout: 4 }) });
      const r = await concurrentPanels(page, 200, recentRange());
      const ms = r.results.map((x) => x.ms);
      const failed = r.results.filter((x) => x.errors.length);
      console.log(
        `400 ms Gnocchi, 4 s timeout, 200 panels: total ${Math.round(r.totalMs)} ms, per panel p50 ${Math.round(quantile(ms, 0.5))} ms, max ${Math.round(Math.max(...ms))} ms, ${failed.length} failed, at most ${gnocchi.maxOpen} requests open at Gnocchi`
      );
      expect(failed.map((x) => x.errors[0]).slice(0, 3)).toEqual([]);
      expect(r.results.every((x) => x.frames === 4)).toBe(true);
      expect(r.totalMs).toBeGreaterThan(4_000); // the queue really was longer than the timeout
      expect(gnocchi.maxOpen).toBeLessThanOrEqual(6);
    } finally {
      await gnocchi.close();
    }
  });

  test('a Gnocchi that never answers: every panel ends with the timeout message at about the timeout', async ({
    page,
  }) => {
    const gnocchi = await standIn(preflightThen('Content-Type, X-Auth-Token', () => undefined));
    try {
      await expectReady(page, { ds: passwordDs({ endpoint: gnocchi.url, timeout: 3 }) });
      const r = await concurrentPanels(page, 200, recentRange());
      const messages = new Set(r.results.map((x) => x.errors.join('\n').replace(/\?[^ )]*/, '?…')));
      console.log(
        `silent Gnocchi, 3 s timeout, 200 panels: total ${Math.round(r.totalMs)} ms, messages ${[...messages].join(' | ')}`
      );
      expect([...messages]).toEqual([`Gnocchi did not answer within 3 s (POST ${gnocchi.url}/v1/aggregates?…)`]);
      expect(r.totalMs).toBeLessThan(15_000);
    } finally {
      await gnocchi.close();
    }
  });
});
