#!/usr/bin/env node
/**
 * Guards of the source layout, run by `npm run lint`:
 *   1. no import cycles in src/ (relative imports, `import type` included: a type-only cycle still
 *      ties two modules together);
 *   2. source files in src/ stay under MAX_LINES lines (tests, fixtures and generated parser
 *      tables — files whose first line says `generated` — excepted);
 *   3. src/gnocchi/ imports nothing from @grafana/* (pure Gnocchi logic).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(
  process.env.SHAPE_ROOT ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'src')
);
const MAX_LINES = 300;
const EXT = ['.ts', '.tsx'];

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      walk(p, out);
    } else if (EXT.includes(path.extname(e.name))) {
      out.push(p);
    }
  }
  return out;
}

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, ...EXT.map((x) => base + x), ...EXT.map((x) => path.join(base, 'index' + x))]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) {
      return c;
    }
  }
  return undefined;
}

const files = walk(ROOT);
const graph = new Map();
const problems = [];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  const rel = path.relative(ROOT, f);
  const deps = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) {
      const target = resolve(f, spec);
      if (target) {
        deps.push(target);
      }
    } else if (spec.startsWith('@grafana/') && rel.startsWith('gnocchi' + path.sep)) {
      problems.push(`${rel}: imports ${spec} (src/gnocchi/ must stay free of @grafana/*)`);
    }
  }
  graph.set(f, deps);
  const isTest = /\.test\.tsx?$/.test(f) || rel.includes('__fixtures__');
  const lines = text.split('\n').length;
  if (!isTest && !/generated/i.test(text.split('\n', 1)[0]) && lines > MAX_LINES) {
    problems.push(`${rel}: ${lines} lines (at most ${MAX_LINES}; split it by concept)`);
  }
}

// Cycles: depth-first search with colours; report each cycle once.
const state = new Map();
const stack = [];
const seen = new Set();
function visit(f) {
  state.set(f, 1);
  stack.push(f);
  for (const d of graph.get(f) ?? []) {
    if (state.get(d) === 1) {
      const cycle = stack.slice(stack.indexOf(d)).map((x) => path.relative(ROOT, x));
      const key = [...cycle].sort().join('|');
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(`import cycle: ${[...cycle, cycle[0]].join(' → ')}`);
      }
    } else if (!state.has(d)) {
      visit(d);
    }
  }
  stack.pop();
  state.set(f, 2);
}
for (const f of files) {
  if (!state.has(f)) {
    visit(f);
  }
}

if (problems.length) {
  console.error(`check-shape: ${problems.length} problem(s) in src/:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-shape: ${files.length} files in src/, no import cycle, none over ${MAX_LINES} lines`);
