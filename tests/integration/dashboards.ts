/**
 * Old dashboards (tests/fixtures/dashboards) as a 1.x user has them: every panel's targets, whatever
 * the layout (schema 14 `rows`, `panels` with `gridPos`, collapsed rows with nested panels), and the
 * variables' saved values. Fixtures cannot hold the stack's generated ids: `$__seed:<resource>.<field>`
 * stands for a value of seed.json (e.g. `$__seed:vm-002.id`, `$__seed:fixed.metric_id`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { GnocchiQuery } from '../../src/types';
import type { Seed } from './seed';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'dashboards');

interface Panel {
  title: string;
  targets?: GnocchiQuery[];
  panels?: Panel[];
}

export interface Dashboard {
  title: string;
  schemaVersion: number;
  rows?: Array<{ panels: Panel[] }>;
  panels?: Panel[];
  templating?: {
    list: Array<{
      name: string;
      type: string;
      query?: string;
      multi?: boolean;
      current?: { value: string | string[] };
    }>;
  };
}

export function loadDashboard(file: string): Dashboard {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
}

/** Panels with targets, in layout order, rows and collapsed rows included. */
export function panelsOf(d: Dashboard): Panel[] {
  const out: Panel[] = [];
  const walk = (ps: Panel[] = []) => {
    for (const p of ps) {
      if (p.targets?.length) {
        out.push(p);
      }
      walk(p.panels);
    }
  };
  for (const row of d.rows ?? []) {
    walk(row.panels);
  }
  walk(d.panels);
  return out;
}

/** `$__seed:<key>.<field>` → the value in seed.json (resources by name, or a top-level section). */
export function resolveSeed(text: string, seed: Seed): string {
  return text.replace(/\$__seed:([\w-]+)\.(\w+)/g, (_, key: string, field: string) => {
    const section = (seed.resources[key] ?? (seed as unknown as Record<string, Record<string, unknown>>)[key]) as
      Record<string, unknown> | undefined;
    const v = section?.[field];
    if (v === undefined) {
      throw new Error(`fixture refers to seed value ${key}.${field}, which seed.json does not have`);
    }
    return String(v);
  });
}

/** The saved value of every variable (constants: their query), seed references resolved. */
export function variableValues(d: Dashboard, seed: Seed): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const v of d.templating?.list ?? []) {
    const raw = v.type === 'constant' ? (v.query ?? '') : (v.current?.value ?? '');
    out[v.name] = Array.isArray(raw) ? raw.map((x) => resolveSeed(x, seed)) : resolveSeed(raw, seed);
  }
  return out;
}
