/**
 * Every `operations` and `resource_search` value written in the repository's tests, browser specs
 * and provisioned dashboards goes through the parsers: the valid ones round-trip, the ones written
 * malformed on purpose (error-path tests) are rejected with a position.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

import { withoutPositions } from './common';
import { parseSearch, printSearch } from './filter';
import { parseOperations, printOperations } from './operations';

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['src', 'tests', 'e2e', 'provisioning'];
// The language tests, the editor validation tests and the completion tests of the code fields
// write malformed or incomplete queries on purpose.
const SKIP = /node_modules|\/language\/|__snapshots__|QueryEditor\/validation\.test|QueryEditor\/code\/.*\.test/;

/** Values that tests write malformed on purpose (or that are not queries: selectors' labels). */
// (and a form written in a doc comment: `(resample m s ops)`)
const NOT_QUERIES = new Set(['Operations', 'Resource search', '(resample m s ops)']);
const MALFORMED = new Set([
  '(aggregate mean (metric cpu_util mean)',
  '(broken)',
  '[1,',
  '["',
  '{"=": ',
  "host == 'a'",
  '(metric cpu',
]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (SKIP.test(path)) {
      return [];
    }
    if (statSync(path).isDirectory()) {
      return files(path);
    }
    return /\.(tsx?|json|ya?ml|mjs)$/.test(name) ? [path] : [];
  });
}

const LITERAL = /["']?(operations|resource_search)["']?\s*:\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`$]*`)/g;

/** Any string literal that is an s-expression (e.g. typed into the field by a browser spec). */
const SEXPR = /['"`](\((?:metric|aggregate|resample|rolling|[-+*/]) [^'"`$<\n]*)['"`]/g;

function decode(literal: string): string {
  if (literal.startsWith('"')) {
    return JSON.parse(literal);
  }
  return literal.slice(1, -1).replace(/\\(.)/g, '$1');
}

function corpus(): Array<[string, 'operations' | 'resource_search', string]> {
  const out = new Map<string, [string, 'operations' | 'resource_search', string]>();
  for (const dir of SCANNED) {
    for (const file of files(join(ROOT, dir))) {
      for (const m of readFileSync(file, 'utf8').matchAll(LITERAL)) {
        const value = decode(m[2]);
        const key = `${m[1]}\u0000${value}`;
        if (!NOT_QUERIES.has(value) && !out.has(key)) {
          out.set(key, [relative(ROOT, file), m[1] as 'operations' | 'resource_search', value]);
        }
      }
      for (const m of readFileSync(file, 'utf8').matchAll(SEXPR)) {
        if (!NOT_QUERIES.has(m[1]) && !out.has(`operations\u0000${m[1]}`)) {
          out.set(`operations\u0000${m[1]}`, [relative(ROOT, file), 'operations', m[1]]);
        }
      }
    }
  }
  return [...out.values()];
}

const CORPUS = corpus();

it('finds the queries of the repository', () => {
  expect(CORPUS.filter(([, field]) => field === 'operations').length).toBeGreaterThan(15);
  expect(CORPUS.filter(([, field]) => field === 'resource_search').length).toBeGreaterThan(15);
});

describe.each(CORPUS)('%s: %s %j', (_file, field, text) => {
  const blankOps = field === 'operations' && !text.trim();
  it(MALFORMED.has(text) || blankOps ? 'is rejected with a position' : 'round-trips', () => {
    const parse = field === 'operations' ? parseOperations : parseSearch;
    const print = (t: any) => (field === 'operations' ? printOperations(t) : printSearch(t));
    const first = parse(text);
    if (MALFORMED.has(text) || blankOps) {
      expect(first.error).toBeDefined();
      expect(first.error!.from).toBeLessThanOrEqual(text.length);
      return;
    }
    expect(first.error).toBeUndefined();
    const again = parse(print(first.tree));
    expect(withoutPositions(again.tree)).toEqual(withoutPositions(first.tree));
  });
});
