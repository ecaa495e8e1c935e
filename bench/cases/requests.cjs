/**
 * Counts against the running real stack: Gnocchi requests per panel once the archive-policy look-up is
 * cached (1, or 2 with a metric regex, whatever the number of resources), at most one more on a cold
 * instance (the look-up, shared by the dashboard), and 1 Keystone request for a dashboard load of
 * concurrent panels.
 * Without a running stack the rows are skipped (or fail when BENCH_STACK=required).
 */
const plugin = require('../lib/plugin.cjs');
const { findStack, stackSettings } = require('../lib/stack.cjs');

/** [id, name, query (from the seed), max Gnocchi requests] */
const PANELS = [
  [
    'dynamic_aggregates',
    'dynamic_aggregates, groupby',
    () => ({
      queryMode: 'dynamic_aggregates',
      resource_type: 'demo_instance',
      operations: '(aggregate mean (metric cpu_util mean))',
      groupby: 'host',
    }),
    1,
  ],
  [
    'resource_search',
    'resource_search, 48 resources, plain name',
    () => ({ queryMode: 'resource_search', resource_type: 'demo_instance', metric_name: 'cpu_util' }),
    1,
  ],
  [
    'resource_search_regex',
    'resource_search, 48 resources, regex',
    () => ({ queryMode: 'resource_search', resource_type: 'demo_instance', metric_name: 'cpu|mem' }),
    2,
  ],
  [
    'resource_aggregation',
    'resource_aggregation',
    () => ({
      queryMode: 'resource_aggregation',
      resource_type: 'demo_instance',
      metric_name: 'cpu_util',
      reaggregator: 'max',
      groupby: 'flavor',
    }),
    1,
  ],
  [
    'resource',
    'resource',
    () => ({ queryMode: 'resource', resource_type: 'demo_instance', resource_id: 'vm-001', metric_name: 'cpu_util' }),
    1,
  ],
  ['metric', 'metric', (seed) => ({ queryMode: 'metric', metric_id: seed.fixed.metric_id }), 1],
];

/**
 * Panels saved by this plugin (queryVersion 2). A query saved by the 1.x plugin keeps 1.7.1's
 * unanchored metric-name matching, which needs the resource search first (2 requests).
 */
const panelQuery = (query, seed) => ({ ...query(seed), queryVersion: 2 });

const DASHBOARD = {
  id: 'requests.keystone.dashboard',
  name: `Keystone requests for a dashboard load of ${PANELS.length} concurrent panels`,
  max: 1,
};

module.exports = {
  id: 'requests',
  async run({ results, stackRequired }) {
    const stack = await findStack();
    if (!stack.seed) {
      for (const [id, name, , max] of PANELS) {
        for (const [suffix, label, limit] of [
          ['', '', max],
          ['.cold', ', cold (policy look-up)', max + 1],
        ]) {
          results.notMeasured({
            id: `requests.gnocchi.${id}${suffix}`,
            name: `Gnocchi requests, panel ${name}${label}`,
            kind: 'count',
            limit: `≤ ${limit}`,
            reason: stack.reason,
            required: stackRequired,
          });
        }
      }
      results.notMeasured({ ...DASHBOARD, kind: 'count', limit: '≤ 1', reason: stack.reason, required: stackRequired });
      return;
    }
    const { seed } = stack;
    const settings = stackSettings(seed);
    const end = seed.measures.end_unix * 1000;
    const window = { fromMs: end - 6 * 3_600_000, toMs: end };

    // each panel alone on a fresh instance, token already cached: Gnocchi requests per panel, cold
    // (the archive-policy look-up included) then with the look-up cached
    for (const [id, name, query, max] of PANELS) {
      const ds = plugin.createDatasource(settings);
      await ds.connect();
      const cold = ds.counts().gnocchi;
      await ds.query(panelQuery(query, seed), window);
      const cached = ds.counts().gnocchi;
      const frames = await ds.query(panelQuery(query, seed), window);
      results.count({
        id: `requests.gnocchi.${id}`,
        name: `Gnocchi requests, panel ${name}`,
        value: ds.counts().gnocchi - cached,
        unit: 'requests',
        max,
        note: `${frames.length} series`,
      });
      results.count({
        id: `requests.gnocchi.${id}.cold`,
        name: `Gnocchi requests, panel ${name}, cold (policy look-up)`,
        value: cached - cold,
        unit: 'requests',
        max: max + 1,
      });
    }

    // a dashboard load: a fresh data source instance, every panel at once
    const dashboard = plugin.createDatasource(settings);
    await Promise.all(PANELS.map(([, , query]) => dashboard.query(panelQuery(query, seed), window)));
    results.count({ ...DASHBOARD, value: dashboard.counts().keystone, unit: 'requests' });
  },
};
