/**
 * The real stack's seed data (stack/seed.py writes $STACK_STATE/seed.json) and helpers to talk to
 * Keystone and Gnocchi from Node, as a browser would (explicit Origin headers where CORS matters).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SeedResource {
  id: string;
  index: number;
  type: string;
  owner: string;
  project: string;
  metrics: Record<string, string>;
  [attr: string]: unknown;
}

export interface Seed {
  urls: { keystone: string; gnocchi: string };
  users: Record<string, { id: string; name: string; password: string; project: string; project_id: string }>;
  projects: Record<string, string>;
  application_credential: { id: string; name: string; secret: string; user_id: string; project_id: string };
  archive_policy: string;
  resources: Record<string, SeedResource>;
  fixed: { metric_id: string; resource_id: string; values: number[]; timestamps: string[] };
  measures: { start_unix: number; end_unix: number; step_s: number };
}

export const STATE = process.env.STACK_STATE || '/tmp/gnocchi-ds-stack';

export function loadSeed(): Seed {
  return JSON.parse(readFileSync(join(STATE, 'seed.json'), 'utf8'));
}

export const ALLOWED_ORIGIN = 'http://localhost:3000';
export const OTHER_ORIGIN = 'http://127.0.0.1:3001';

/** The seed's deterministic series (stack/seed.py `value`). */
export function seedValue(metric: string, index: number, tUnix: number): number {
  switch (metric) {
    case 'cpu_util':
      return Math.round((50 + 40 * Math.sin((2 * Math.PI * tUnix) / 86400 + index)) * 1000) / 1000;
    case 'memory.usage':
      return 1024 * (index + 1);
    case 'load':
      return index + 0.5;
    default:
      throw new Error(`no formula for ${metric}`);
  }
}

export function keystoneV3(seed: Seed): string {
  return seed.urls.keystone.replace(/\/+$/, '') + '/v3';
}

export async function passwordToken(seed: Seed, user: string, headers: Record<string, string> = {}) {
  const u = seed.users[user];
  const res = await fetch(`${keystoneV3(seed)}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: u.name, domain: { id: 'default' }, password: u.password } },
        },
        scope: { project: { name: u.project, domain: { id: 'default' } } },
      },
    }),
  });
  return { res, token: res.headers.get('x-subject-token') ?? '', body: await res.json() };
}

export async function appCredentialToken(seed: Seed) {
  const ac = seed.application_credential;
  const res = await fetch(`${keystoneV3(seed)}/auth/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['application_credential'], application_credential: { id: ac.id, secret: ac.secret } },
      },
    }),
  });
  return { res, token: res.headers.get('x-subject-token') ?? '', body: await res.json() };
}

export async function gnocchi(seed: Seed, token: string, path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${seed.urls.gnocchi.replace(/\/+$/, '')}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'X-Auth-Token': token,
      Accept: 'application/json',
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A CORS preflight exactly as Chromium sends it. */
export async function preflight(url: string, origin: string, method: string, requestHeaders: string) {
  const res = await fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': requestHeaders,
    },
  });
  await res.arrayBuffer();
  return res;
}
