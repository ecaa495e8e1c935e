/**
 * Bytes against the running real stack: a panel asks Gnocchi for the granularity it draws (issue 13 §1).
 * For a `ceilometer-high` metric (1 s for 1 h, 1 min for 1 day, 1 h for 365 days) and a `ceilometer-low`
 * one (5 min for 30 days), each with data in every archive, and panels of 1 h, 1 day and 7 days
 * (1,000 max data points, Grafana's interval for that range):
 *   bytes of the measures received / bytes of the points drawn  ≤ 1.2×   (budget; the measures in the
 *       bodies of the panel's own requests, the drawn points written as Gnocchi writes them; the rest of a
 *       body — `references`, the resource documents the labels read, which do not grow with the range — is
 *       in the note with the whole body)
 *   points received, points drawn, bytes without the plan (as before)      (in the note)
 *   Gnocchi requests per panel: cold (policy look-up included) ≤ 2, cached ≤ 1 (budget)
 * Both in metric mode (the measures endpoint) and in dynamic aggregates (a search, `details=true`).
 * The metrics are seeded for this run only (bench/lib/seedMetrics.cjs: one resource, ~7,600 measures in
 * one batch) and deleted after. Without a running stack the rows are skipped (or fail when BENCH_STACK=required).
 */
const plugin = require('../lib/plugin.cjs');
const { gnocchiText } = require('../lib/bodies.cjs');
const { findStack, stackSettings } = require('../lib/stack.cjs');
const { seedMetrics } = require('../lib/seedMetrics.cjs');

const H = 3_600_000;
const RANGES = [
  ['1h', H],
  ['1d', 24 * H],
  ['7d', 7 * 24 * H],
];
const POLICIES = ['high', 'low'];
const MAX_DATA_POINTS = 1000;
const BYTES_BUDGET = 1.2;

const MODES = {
  metric: (m) => ({ queryMode: 'metric', metric_id: m.id, aggregator: 'mean' }),
  dynamic_aggregates: (m, resourceId) => ({
    queryMode: 'dynamic_aggregates',
    resource_type: 'generic',
    resource_search: `id = "${resourceId}"`,
    operations: `(metric ${m.name} mean)`,
  }),
};

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', '+00:00');

/** The drawn points of the frames, written as Gnocchi writes measures (`["…+00:00", 60.0, 1.5]`, `, ` between). */
function drawnBytes(frames, granularity) {
  let bytes = 0;
  let points = 0;
  for (const f of frames) {
    const times = f.fields[0].values;
    const values = f.fields[1].values;
    for (let i = 0; i < times.length; i++) {
      bytes += Buffer.byteLength(gnocchiText([iso(times[i]), granularity, values[i] ?? 0])) + (i ? 2 : 0);
      points++;
    }
  }
  return { bytes, points };
}

function rowIds() {
  const ids = [];
  for (const mode of Object.keys(MODES)) {
    for (const p of POLICIES) {
      for (const [r] of RANGES) {
        ids.push([
          `granularity.bytes.${mode}.${p}.${r}`,
          `measures bytes received / drawn, ${mode}, ceilometer-${p}, ${r}`,
          `≤ ${BYTES_BUDGET}×`,
        ]);
      }
      ids.push([
        `granularity.requests.${mode}.${p}.cold`,
        `Gnocchi requests, ${mode} panel, ceilometer-${p}, cold instance`,
        '≤ 2',
      ]);
      ids.push([
        `granularity.requests.${mode}.${p}.cached`,
        `Gnocchi requests, ${mode} panel, ceilometer-${p}, policy cached`,
        '≤ 1',
      ]);
    }
  }
  return ids;
}

module.exports = {
  id: 'granularity',
  async run({ results, stackRequired, log }) {
    const stack = await findStack();
    if (!stack.seed) {
      for (const [id, name, limit] of rowIds()) {
        results.notMeasured({ id, name, kind: 'count', limit, reason: stack.reason, required: stackRequired });
      }
      return;
    }
    const { seed } = stack;
    const settings = stackSettings(seed);
    const seeded = await seedMetrics(seed, log);
    try {
      for (const [mode, query] of Object.entries(MODES)) {
        for (const p of POLICIES) {
          const metric = seeded.metrics[p];
          const q = { ...query(metric, seeded.resourceId), queryVersion: 2 };
          // one fresh instance per panel: the first run is a cold dashboard, the next ones have the policy cached
          const ds = plugin.createDatasource(settings, { traffic: true });
          await ds.connect();
          let first = true;
          for (const [r, rangeMs] of RANGES) {
            const toMs = Date.now();
            const window = { fromMs: toMs - rangeMs, toMs };
            const opts = {
              intervalMs: plugin.panelInterval(window.fromMs, toMs, MAX_DATA_POINTS),
              maxDataPoints: MAX_DATA_POINTS,
            };
            const before = ds.traffic().length;
            const frames = await ds.query(q, window, opts);
            const sent = ds.traffic().slice(before);
            if (first) {
              const again = ds.traffic().length;
              await ds.query(q, window, opts);
              const cached = ds.traffic().length - again;
              results.count({
                id: `granularity.requests.${mode}.${p}.cold`,
                name: `Gnocchi requests, ${mode} panel, ceilometer-${p}, cold instance`,
                value: sent.length,
                unit: 'requests',
                max: 2,
                note: `${sent.filter((x) => plugin.isPolicyLookup(x)).length} policy look-up`,
              });
              results.count({
                id: `granularity.requests.${mode}.${p}.cached`,
                name: `Gnocchi requests, ${mode} panel, ceilometer-${p}, policy cached`,
                value: cached,
                unit: 'requests',
                max: 1,
              });
              first = false;
            }
            const own = sent.filter((x) => !plugin.isPolicyLookup(x));
            const received = own.reduce((s, x) => s + x.measuresBytes, 0);
            const body = own.reduce((s, x) => s + x.bytes, 0);
            const recvPoints = own.reduce((s, x) => s + x.points, 0);
            const asked = new URL(own[own.length - 1].url).searchParams;
            const step = Number(asked.get('resample') ?? asked.get('granularity') ?? NaN);
            const opsResample = /resample mean (\d+(\.\d+)?)/.exec(decodeURIComponent(own[own.length - 1].body ?? ''));
            const g = opsResample ? Number(opsResample[1]) : step;
            const drawn = drawnBytes(frames, Number.isFinite(g) ? g : 60);
            // as before: the same panel without the policy look-ups (every granularity of the policy)
            const plainDs = plugin.createDatasource(settings, { traffic: true });
            await plainDs.query(q, window, { ...opts, lookups: undefined });
            const plain = plainDs.traffic().filter((x) => !plugin.isPolicyLookup(x));
            const ratio = drawn.bytes ? received / drawn.bytes : Infinity;
            results.count({
              id: `granularity.bytes.${mode}.${p}.${r}`,
              name: `measures bytes received / drawn, ${mode}, ceilometer-${p}, ${r}`,
              value: Math.round(ratio * 1000) / 1000,
              shown: `${ratio.toFixed(2)}×`,
              unit: 'ratio',
              max: BYTES_BUDGET,
              limit: `≤ ${BYTES_BUDGET}×`,
              note:
                `${recvPoints} points received (${received} B; body ${body} B), ${drawn.points} drawn (${drawn.bytes} B)` +
                `${asked.get('granularity') ? `, granularity ${asked.get('granularity')}` : ', no granularity'}` +
                `${Number.isFinite(g) && g !== Number(asked.get('granularity')) ? ` resampled to ${g}` : ''}` +
                `; without the plan ${plain.reduce((s, x) => s + x.points, 0)} points (body ${plain.reduce((s, x) => s + x.bytes, 0)} B)`,
            });
          }
        }
      }
    } finally {
      await seeded.remove();
    }
  },
};
