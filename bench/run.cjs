#!/usr/bin/env node
/**
 * `npm run bench`: the performance budgets, measured in one run. Each case in bench/cases/ records
 * rows in one table; the table is printed and written as JSON (bench/results/latest.json).
 *   timing rows  ratios to JSON.parse of the same body, median of interleaved rounds (bench/lib/timing.cjs)
 *   count rows   requests, tokens, bytes: the same on every machine
 * Exit code 1 when a budget is missed. Environment:
 *   BENCH_TIMING=advisory   a missed timing ratio is printed but does not fail the run (npm run test:all)
 *   BENCH_STACK=required    a stack that is not running fails the run (default: its rows are skipped)
 *   BENCH_ROUNDS=21         rounds per timing ratio (each: BENCH_SAMPLES runs of both sides, interleaved)
 *   BENCH_SAMPLES=3
 *   BENCH_CLOCK=cpu         cpu: CPU time of the process; wall: elapsed time
 *   BENCH_SEED=1            seed of the generated bodies
 *   BENCH_CASES=frames,...  run only these cases
 *   BENCH_OUT=path          where the JSON goes
 *   STACK_STATE, BENCH_SRC  the stack's state directory, another src/ to measure (README.md, Performance)
 */
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { Results } = require('./lib/results.cjs');
const { interleavedRatio, interleavedRatioAsync } = require('./lib/timing.cjs');

const CASES = ['frames', 'query', 'bundle', 'requests', 'scale', 'granularity', 'lookups']; // bench/cases/<name>.cjs, in this order

const root = path.join(__dirname, '..');

function setting(name, fallback, allowed) {
  const v = process.env[name] ?? fallback;
  if (allowed && !allowed.test(v)) {
    console.error(`bench: ${name}=${v} is not valid (expected ${allowed.source.replace(/[\^$]/g, '')})`);
    process.exit(2);
  }
  return v;
}

const timing = setting('BENCH_TIMING', 'enforce', /^(enforce|advisory)$/);
const stackRequired = setting('BENCH_STACK', 'optional', /^(optional|required)$/) === 'required';
const rounds = Number(setting('BENCH_ROUNDS', '21', /^[1-9][0-9]*$/));
const samples = Number(setting('BENCH_SAMPLES', '3', /^[1-9][0-9]*$/));
const clock = setting('BENCH_CLOCK', 'cpu', /^(cpu|wall)$/);
const seed = Number(setting('BENCH_SEED', '1', /^[0-9]+$/));
const only = setting('BENCH_CASES', CASES.join(','), /^[a-z,]+$/).split(',');
const out = path.resolve(root, setting('BENCH_OUT', 'bench/results/latest.json'));
for (const c of only) {
  if (!CASES.includes(c)) {
    console.error(`bench: unknown case "${c}" in BENCH_CASES (cases: ${CASES.join(', ')})`);
    process.exit(2);
  }
}

const shown = (file) => (path.relative(root, file).startsWith('..') ? file : path.relative(root, file));

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

(async () => {
  const results = new Results({ timing });
  const started = new Date();
  const loadBefore = os.loadavg();
  const log = (line) => console.log(line);
  /** Cases time a subject against a baseline with the run's settings. */
  const measure = ({ baseline, subject }) => interleavedRatio({ baseline, subject, rounds, samples, clock });
  /** The same for async sides (awaited one call at a time); `maxRounds` caps the rounds of slow cases. */
  const measureAsync = ({ baseline, subject, maxRounds = rounds }) =>
    interleavedRatioAsync({ baseline, subject, rounds: Math.min(rounds, maxRounds), samples, clock });
  for (const id of CASES.filter((c) => only.includes(c))) {
    try {
      await require(`./cases/${id}.cjs`).run({ results, root, seed, measure, measureAsync, stackRequired, log });
    } catch (e) {
      results.notMeasured({
        id: `${id}.error`,
        name: `case ${id}`,
        kind: 'count',
        limit: 'runs',
        reason: e.message,
        required: true,
      });
      log(`FAIL case ${id}: ${e.stack || e}`);
    }
  }
  const loadAfter = os.loadavg();
  console.log(`\n${results.table()}\n`);
  const reasons = new Map(); // why budgets were not measured, once per reason
  for (const r of results.rows.filter((x) => x.reason)) {
    const key = `${r.status}\u0000${r.reason}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  for (const [key, n] of reasons) {
    const [status, reason] = key.split('\u0000');
    console.log(`${status}: ${n} budget(s) not measured: ${reason}`);
  }
  results.write(out, {
    date: started.toISOString(),
    durationS: Math.round((Date.now() - started.getTime()) / 100) / 10,
    commit: gitCommit(),
    machine: {
      node: process.version,
      cpu: os.cpus()[0]?.model,
      cpus: os.cpus().length,
      loadavg1m: { before: loadBefore[0], after: loadAfter[0] },
    },
    settings: { timing, stack: stackRequired ? 'required' : 'optional', clock, rounds, samples, seed, cases: only },
  });
  const failed = results.failed.length;
  const advisory = results.rows.filter((r) => r.status === 'miss (advisory)').length;
  const skipped = results.rows.filter((r) => r.status === 'skip').length;
  console.log(
    `${failed ? `${failed} budget(s) missed` : skipped ? 'all measured budgets met' : 'all budgets met'}` +
      `${advisory ? `; ${advisory} timing ratio(s) over budget (advisory, BENCH_TIMING=advisory)` : ''}` +
      `${skipped ? `; ${skipped} skipped` : ''}` +
      ` (load ${loadBefore[0].toFixed(1)}; JSON: ${shown(out)})`
  );
  process.exit(failed ? 1 : 0);
})();
