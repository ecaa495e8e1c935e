/**
 * Counts at scale against the running real stack (read-only): 200 panel queries at once on one data
 * source instance (a dashboard with 200 panels, or many dashboards on one instance) — 1 Keystone
 * request, every panel answered, no unhandled promise rejection. Without a running stack the rows
 * are skipped (or fail when BENCH_STACK=required).
 */
const plugin = require('../lib/plugin.cjs');
const { findStack, stackSettings } = require('../lib/stack.cjs');

const PANELS = 200;

const ROWS = [
  ['tokens', `Keystone requests for ${PANELS} panel queries at once on one instance`, 'requests', 1],
  ['failed', `panels failed of ${PANELS} at once`, 'panels', 0],
  ['unhandled', `unhandled promise rejections during ${PANELS} panels at once`, 'rejections', 0],
];

/** Panel `i`: alternately one metric's measures and one resource's metric, over the seed's instances. */
function panel(seed, i) {
  const names = Object.keys(seed.resources).filter((n) => /^vm-\d+$/.test(n));
  const name = names[i % names.length];
  return i % 2
    ? { queryMode: 'metric', metric_id: seed.resources[name].metrics.cpu_util, queryVersion: 2 }
    : {
        queryMode: 'resource',
        resource_type: 'demo_instance',
        resource_id: name,
        metric_name: 'cpu_util',
        queryVersion: 2,
      };
}

module.exports = {
  id: 'scale',
  async run({ results, stackRequired, log }) {
    const stack = await findStack();
    if (!stack.seed) {
      for (const [id, name, , max] of ROWS) {
        results.notMeasured({
          id: `scale.${id}`,
          name,
          kind: 'count',
          limit: `≤ ${max}`,
          reason: stack.reason,
          required: stackRequired,
        });
      }
      return;
    }
    const { seed } = stack;
    const ds = plugin.createDatasource(stackSettings(seed));
    const end = seed.measures.end_unix * 1000;
    const window = { fromMs: end - 3 * 3_600_000, toMs: end };

    let unhandled = 0;
    const onUnhandled = () => unhandled++;
    process.on('unhandledRejection', onUnhandled);
    const started = Date.now();
    let outcomes;
    try {
      outcomes = await Promise.allSettled(Array.from({ length: PANELS }, (_, i) => ds.query(panel(seed, i), window)));
      await new Promise((resolve) => setTimeout(resolve, 50)); // late rejections surface
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    const failures = outcomes.filter((o) => o.status === 'rejected');
    const empty = outcomes.filter((o) => o.status === 'fulfilled' && !o.value.some((f) => f.length > 0)).length;
    const seconds = (Date.now() - started) / 1000;
    log(
      `scale: ${PANELS} panels in ${seconds.toFixed(1)} s, ${ds.counts().gnocchi} Gnocchi requests (look-ups included), ${empty} empty`
    );
    if (failures.length) {
      log(`scale: first failure: ${failures[0].reason?.message ?? failures[0].reason}`);
    }
    const values = { tokens: ds.counts().keystone, failed: failures.length, unhandled };
    for (const [id, name, unit, max] of ROWS) {
      results.count({ id: `scale.${id}`, name, value: values[id], unit, max });
    }
    const traffic = ds.traffic();
    const lookups = traffic.filter((x) => plugin.isPolicyLookup(x)).length;
    // the archive-policy look-ups: one per distinct metric (id, or name) of the panels, shared by them
    const distinct = new Set(
      Array.from({ length: PANELS }, (_, i) => JSON.stringify(panel(seed, i).metric_id ?? 'cpu_util'))
    );
    results.count({
      id: 'scale.gnocchi',
      name: `Gnocchi requests for ${PANELS} panels at once (1 per panel)`,
      value: traffic.length - lookups,
      unit: 'requests',
      max: PANELS,
      note: `${seconds.toFixed(1)} s elapsed`,
    });
    results.count({
      id: 'scale.lookups',
      name: `archive-policy look-ups for ${PANELS} panels at once (1 per distinct metric)`,
      value: lookups,
      unit: 'requests',
      max: distinct.size,
    });
  },
};
