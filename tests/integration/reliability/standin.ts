/**
 * Stand-in HTTP servers on 127.0.0.1 (random ports) that misbehave on purpose, forwarding proxies
 * in front of the real Keystone and Gnocchi that can fail on demand, and helpers to build data
 * sources and check what the plugin shows: the error class, the time it took, no secret.
 *
 * Every server started here is registered; `closeAll()` (in each file's afterAll) destroys open
 * sockets (silent servers keep them) and closes the servers.
 */
import { DataQueryRequest, DataQueryResponse, dateTime } from '@grafana/data';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { lastValueFrom } from 'rxjs';

import { createDatasource } from '../../../src/__mocks__/datasource';
import type { DataSource } from '../../../src/datasource';
import { RequestError } from '../../../src/http/errors';
import { isPolicyLookup } from '../../../src/query/granularityPlan';
import { fetchTransport, HttpRequest, Transport } from '../../../src/http/transport';
import type { GnocchiOptions, GnocchiQuery } from '../../../src/types';

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export type Handler = (req: Recorded, res: ServerResponse, raw: IncomingMessage) => unknown;

export interface StandIn {
  url: string;
  requests: Recorded[];
  /** Replace the behaviour mid-test. */
  handler: Handler;
  close(): Promise<void>;
}

const servers: Array<{ server: Server; sockets: Set<Socket> }> = [];

export async function standIn(handler: Handler = (_q, res) => send(res, 200, '[]')): Promise<StandIn> {
  const sockets = new Set<Socket>();
  const self: StandIn = { url: '', requests: [], handler, close: async () => undefined };
  const server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const rec: Recorded = {
        method: raw.method ?? '',
        url: raw.url ?? '',
        headers: raw.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      self.requests.push(rec);
      Promise.resolve(self.handler(rec, res, raw)).catch(() => raw.socket.destroy());
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const entry = { server, sockets };
  servers.push(entry);
  self.close = () => closeOne(entry);
  return self;
}

async function closeOne(entry: { server: Server; sockets: Set<Socket> }) {
  entry.sockets.forEach((s) => s.destroy());
  await new Promise<void>((r) => entry.server.close(() => r()));
  servers.splice(servers.indexOf(entry), 1);
}

export async function closeAll(): Promise<void> {
  await Promise.all([...servers].map(closeOne));
}

// ----------------------------------------------------------------------------------------------
// Answers

export function send(res: ServerResponse, status: number, body = '', headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': body.startsWith('<') ? 'text/html' : 'application/json', ...headers });
  res.end(body);
}

/** Never answers (the socket stays open until closeAll). */
export const silent: Handler = () => undefined;

/** Headers and the start of a body, then nothing. */
export const stalls: Handler = (_q, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('[{"id": ');
};

/** Promises 1000 bytes, sends 10, closes the connection. */
export const cutOff: Handler = (_q, res, raw) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
  res.write('[{"id": "a');
  setTimeout(() => raw.socket.destroy(), 20);
};

/** Closes the connection without a byte. */
export const reset: Handler = (_q, _res, raw) => raw.socket.destroy();

export const redirect =
  (status: number, location: (q: Recorded) => string): Handler =>
  (q, res) =>
    send(res, status, '', { Location: location(q) });

/** A proxy that reflects the request (body and headers) in a 502 page. */
export const echo =
  (format: 'json' | 'html' | 'text' = 'json'): Handler =>
  (q, res) => {
    const dump = JSON.stringify({ method: q.method, url: q.url, headers: q.headers, body: q.body });
    if (format === 'html') {
      send(
        res,
        502,
        `<html><body><h1>Bad Gateway</h1><pre>${dump.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')}</pre></body></html>`
      );
    } else if (format === 'text') {
      send(
        res,
        502,
        `upstream rejected ${q.method} ${q.url} with body ${q.body} and token ${q.headers['x-auth-token']}`,
        { 'Content-Type': 'text/plain' }
      );
    } else {
      send(res, 502, JSON.stringify({ message: `Bad Gateway for ${dump}` }));
    }
  };

/** Forwards to a real service and copies its answer back. */
export const forward =
  (target: string): Handler =>
  async (q, res) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(q.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) {
        headers[k] = v;
      }
    }
    const up = await fetch(target + q.url, {
      method: q.method,
      headers,
      body: q.body || undefined,
      redirect: 'manual',
    });
    const out: Record<string, string> = {};
    up.headers.forEach((v, k) => {
      if (!['content-length', 'connection', 'transfer-encoding', 'content-encoding'].includes(k)) {
        out[k] = v;
      }
    });
    res.writeHead(up.status, out);
    res.end(Buffer.from(await up.arrayBuffer()));
  };

/** A Keystone token answer with a catalog pointing to `gnocchiUrl`. */
export function keystoneToken(gnocchiUrl: string, token = 'gAAAAA-standin-token', lifetimeS = 3600): Handler {
  return (_q, res) => {
    const now = Date.now();
    const body = {
      token: {
        issued_at: new Date(now).toISOString(),
        expires_at: new Date(now + lifetimeS * 1000).toISOString(),
        catalog: [{ type: 'metric', endpoints: [{ interface: 'public', url: gnocchiUrl, region_id: 'RegionOne' }] }],
      },
    };
    send(res, 201, JSON.stringify(body), { 'X-Subject-Token': token });
  };
}

// ----------------------------------------------------------------------------------------------
// Data sources and checks

export interface Harness {
  ds: DataSource;
  sent: HttpRequest[];
  /** Tokens Keystone handed out to this data source (secrets too). */
  tokens: string[];
  count(service: 'Keystone' | 'Gnocchi'): number;
}

export function dataSource(o: {
  url: string;
  jsonData: GnocchiOptions;
  access?: 'direct' | 'proxy';
  now?: () => number;
  transport?: Transport;
}): Harness {
  const sent: HttpRequest[] = [];
  const tokens: string[] = [];
  const inner = o.transport ?? fetchTransport;
  const transport: Transport = async (req) => {
    sent.push(req);
    const res = await inner(req);
    const t = res.header('X-Subject-Token');
    if (t) {
      tokens.push(t);
    }
    return res;
  };
  const ds = createDatasource({ url: o.url, access: o.access, jsonData: o.jsonData, transport, now: o.now });
  // Gnocchi: the panels' own requests (the archive-policy look-ups, shared by the dashboard, apart)
  const count = (s: 'Keystone' | 'Gnocchi') =>
    sent.filter((r) => r.service === s && !(s === 'Gnocchi' && isPolicyLookup(r))).length;
  return { ds, sent, tokens, count };
}

// An explicit granularity: no archive-policy look-up before the panel's request, so the requests
// counted here are the panel's own (look-up failures: src/query/granularityPlan.test.ts).
export const METRIC_QUERY: GnocchiQuery = {
  refId: 'A',
  queryMode: 'metric',
  metric_id: '5f5e1c4e-3a2b-4c1d-9e8f-0a1b2c3d4e5f',
  aggregator: 'mean',
  granularity: '60',
};

export function panelRequest(targets: GnocchiQuery[], fromMs = Date.UTC(2024, 0, 1), toMs = fromMs + 6 * 3_600_000) {
  const from = dateTime(fromMs);
  const to = dateTime(toMs);
  return {
    requestId: 'R',
    interval: '1m',
    intervalMs: 60_000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets,
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
  } as unknown as DataQueryRequest<GnocchiQuery>;
}

export function query(
  h: Harness,
  targets: GnocchiQuery[] = [METRIC_QUERY],
  fromMs?: number,
  toMs?: number
): Promise<DataQueryResponse> {
  return lastValueFrom(h.ds.query(panelRequest(targets, fromMs, toMs)));
}

/** Runs `p`, fails when it takes longer than `ms`, and returns how it settled. */
export async function settles<T>(p: Promise<T>, ms: number): Promise<{ value?: T; error?: unknown; elapsed: number }> {
  const start = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    const value = await Promise.race([p, late]);
    return { value, elapsed: Date.now() - start };
  } catch (error) {
    if (error instanceof Error && error.message === `did not settle within ${ms} ms`) {
      throw error;
    }
    return { error, elapsed: Date.now() - start };
  } finally {
    clearTimeout(timer);
  }
}

/** Fails when any secret (or its JSON-escaped or URL-encoded form) appears in `shown`. */
export function expectNoSecret(shown: unknown, secrets: Array<string | undefined>) {
  const text = typeof shown === 'string' ? shown : JSON.stringify(shown);
  for (const s of secrets) {
    if (!s) {
      continue;
    }
    for (const form of [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s)]) {
      if (text.includes(form)) {
        throw new Error(`a secret appears in what the plugin shows: ${text.slice(0, 300)}`);
      }
    }
  }
}

/** What a panel shows: errors, frame names and notices. */
export function shown(res: DataQueryResponse): string {
  return JSON.stringify({
    errors: res.errors,
    frames: (res.data ?? []).map((f: any) => ({
      name: f.name,
      meta: f.meta,
      labels: f.fields?.map((x: any) => x.labels),
    })),
  });
}

/** The error a client call threw, checked to be a RequestError. */
export async function thrown(p: Promise<unknown>, ms = 10_000): Promise<RequestError> {
  const out = await settles(p, ms);
  if (!(out.error instanceof RequestError)) {
    throw new Error(`expected a RequestError, got ${out.error === undefined ? 'success' : String(out.error)}`);
  }
  return out.error;
}
