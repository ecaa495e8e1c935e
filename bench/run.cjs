#!/usr/bin/env node
/**
 * `npm run bench`: the standing performance budgets, measured in one run (ratios and counts, so
 * the numbers do not depend on the machine's speed):
 *   1. turning a Gnocchi response into frames costs <= 0.6x the JSON.parse of the same body;
 *   2. Gnocchi requests per panel (1, or 2 with a metric regex, whatever the number of resources) and
 *      1 Keystone request per dashboard load, counted against the real stack when it runs;
 *   3. dist/module.js <= 40 KB gzip.
 * Exit code 1 when a budget is exceeded. The sources are compiled on the fly with swc.
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const swc = require('@swc/core');

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  });
  module._compile(code, filename);
};

const root = path.join(__dirname, '..');
const { aggregatesToSeries, seriesToFrames } = require(path.join(root, 'src/gnocchi/frames.ts'));
const { parseGnocchiJson } = require(path.join(root, 'src/gnocchi/json.ts'));

const results = [];
function report(name, value, budget, ok) {
  results.push({ name, value, budget, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${value} (budget ${budget})`);
}

/** Time fn over `runs` runs after warm-up; the fastest run (least disturbed by GC and other load), ms. */
function time(fn, runs = 21) {
  for (let i = 0; i < 3; i++) {
    fn();
  }
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return Math.min(...t);
}

/** A search-mode /v1/aggregates body: `resources` resources × 1 metric × `points` 60 s points. */
function searchBody(resources, points) {
  const start = Date.UTC(2026, 0, 1);
  const measures = {};
  const references = [];
  for (let r = 0; r < resources; r++) {
    const id = `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
    const series = [];
    for (let i = 0; i < points; i++) {
      const ts = new Date(start + i * 60_000).toISOString().replace('.000Z', '+00:00');
      series.push([ts, 60.0, Math.round(Math.random() * 1e6) / 1e3]);
    }
    measures[id] = { cpu_util: { mean: series } };
    references.push({
      id,
      type: 'instance',
      display_name: `vm-${r}`,
      host: `compute-${r % 4}`,
      metrics: { cpu_util: id },
    });
  }
  return JSON.stringify({ measures, references });
}

function frameBudget() {
  for (const [resources, points] of [
    [50, 1440],
    [200, 360],
  ]) {
    const body = searchBody(resources, points);
    const parse = time(() => JSON.parse(body));
    const parsed = JSON.parse(body); // the conversion reads the parsed body without changing it
    const convert = time(() => seriesToFrames(aggregatesToSeries(parsed, {}), { refId: 'A', granularity: 60 }));
    const ratio = convert / parse;
    report(
      `frames from a ${(body.length / 1e6).toFixed(1)} MB body (${resources} series × ${points} points): conversion / JSON.parse`,
      ratio.toFixed(2) + 'x',
      '<= 0.60x',
      ratio <= 0.6
    );
    // the lenient NaN path must not cost more than a second parse
    const nanBody = body.replace(/,(\d+(\.\d+)?)\]/, ',NaN]');
    if (nanBody === body) {
      throw new Error('bench: no value replaced by NaN');
    }
    const lenient = time(() => parseGnocchiJson(nanBody)) / parse;
    report('parseGnocchiJson with a bare NaN / JSON.parse', lenient.toFixed(2) + 'x', '<= 4x', lenient <= 4);
  }
}

function bundleBudget() {
  const file = path.join(root, 'dist/module.js');
  if (!fs.existsSync(file)) {
    report('dist/module.js gzip', 'not built (npm run build)', '<= 40 KB', false);
    return;
  }
  const gz = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  report('dist/module.js gzip', `${(gz / 1024).toFixed(1)} KB`, '<= 40 KB', gz <= 40 * 1024);
}

async function requestBudget() {
  const state = process.env.STACK_STATE || '/tmp/gnocchi-ds-stack';
  let seed;
  try {
    seed = JSON.parse(fs.readFileSync(path.join(state, 'seed.json'), 'utf8'));
    await fetch(seed.urls.keystone);
  } catch {
    console.log('skip request counts: the real stack is not running (npm run stack:up)');
    return;
  }
  const { GnocchiClient } = require(path.join(root, 'src/client.ts'));
  const { fetchTransport } = require(path.join(root, 'src/http/transport.ts'));
  const { runQuery } = require(path.join(root, 'src/query/run.ts'));
  const { withDefaults } = require(path.join(root, 'src/query/requests.ts'));
  const settings = {
    url: seed.urls.keystone,
    access: 'direct',
    jsonData: { mode: 'keystone', username: 'grafana', password: 'grafana-secret', project: 'grafana-demo' },
  };
  const end = seed.measures.end_unix * 1000;
  const w = { fromMs: end - 6 * 3_600_000, toMs: end };
  const panels = [
    [
      'dynamic_aggregates, groupby',
      {
        queryMode: 'dynamic_aggregates',
        resource_type: 'demo_instance',
        operations: '(aggregate mean (metric cpu_util mean))',
        groupby: 'host',
      },
      1,
    ],
    [
      'resource_search, 48 resources, plain name',
      { queryMode: 'resource_search', resource_type: 'demo_instance', metric_name: 'cpu_util' },
      1,
    ],
    [
      'resource_search, 48 resources, regex',
      { queryMode: 'resource_search', resource_type: 'demo_instance', metric_name: 'cpu|mem' },
      2,
    ],
    [
      'resource_aggregation',
      {
        queryMode: 'resource_aggregation',
        resource_type: 'demo_instance',
        metric_name: 'cpu_util',
        reaggregator: 'max',
        groupby: 'flavor',
      },
      1,
    ],
    [
      'resource',
      { queryMode: 'resource', resource_type: 'demo_instance', resource_id: 'vm-001', metric_name: 'cpu_util' },
      1,
    ],
    ['metric', { queryMode: 'metric', metric_id: seed.fixed.metric_id }, 1],
  ];
  // each panel alone (token already cached): Gnocchi requests per panel
  const login = new GnocchiClient(settings, fetchTransport);
  await login.gnocchiUrl();
  for (const [name, q, budget] of panels) {
    const before = login.counts.gnocchi;
    const frames = await runQuery(login, withDefaults({ refId: 'A', ...q }), w, { intervalMs: 60_000 });
    const n = login.counts.gnocchi - before;
    report(`Gnocchi requests, panel ${name} (${frames.length} series)`, n, `<= ${budget}`, n <= budget);
  }
  // a dashboard load: a fresh data source instance, every panel at once
  const dashboard = new GnocchiClient(settings, fetchTransport);
  await Promise.all(
    panels.map(([, q]) => runQuery(dashboard, withDefaults({ refId: 'A', ...q }), w, { intervalMs: 60_000 }))
  );
  const keystone = dashboard.counts.keystone;
  report(
    `Keystone requests for a dashboard load of ${panels.length} concurrent panels`,
    keystone,
    '<= 1',
    keystone <= 1
  );
}

(async () => {
  frameBudget();
  bundleBudget();
  await requestBudget();
  const failed = results.filter((r) => !r.ok);
  console.log(failed.length ? `\n${failed.length} budget(s) exceeded` : '\nall budgets met');
  process.exit(failed.length ? 1 : 0);
})();
