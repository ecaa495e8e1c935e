/**
 * Look-ups and variables over 10,000 resources of one type (issue 13 §3), against a stand-in Gnocchi
 * that pages, filters (`like`) and projects (`attrs`) as Gnocchi does (bench/lib/resourcesStandin.cjs;
 * the real stack would need ~9 minutes to create them, one request each):
 *   - a `resources` variable searched as the user types (`display_name like $__searchFilter`): requests
 *     and bytes per keystroke; budget: the requests follow the matching resources, not the type's size
 *     (⌊matches / 1000⌋ + 1 pages), and each option costs ≤ 100 bytes (only `id` and `display_name` read);
 *   - the editor's look-ups (metric names of the type, attribute values starting with a prefix): one page
 *     with only the needed attributes; budget 1 request each, bytes reported.
 */
const plugin = require('../lib/plugin.cjs');
const { startResources } = require('../lib/resourcesStandin.cjs');

const RESOURCES = 10_000;
const TYPED = ['', 'v', 'vm-0', 'vm-01', 'vm-012', 'vm-0123'];

module.exports = {
  id: 'lookups',
  async run({ results, log }) {
    const standin = await startResources(RESOURCES);
    try {
      const settings = { url: standin.url, access: 'direct', jsonData: { mode: 'noauth' } };
      const variable = {
        refId: 'V',
        kind: 'resources',
        resource_type: 'bench_vm',
        search: 'display_name like $__searchFilter',
        text: '${display_name}',
        value: 'id',
      };
      const keystrokes = [];
      for (const typed of TYPED) {
        const ds = plugin.createDatasource(settings, { traffic: true });
        const values = await plugin.variableValues(ds, variable, typed);
        const sent = ds.traffic();
        keystrokes.push({
          typed,
          values: values.length,
          requests: sent.length,
          bytes: sent.reduce((s, x) => s + x.bytes, 0),
        });
      }
      log(
        `lookups: variable over ${RESOURCES} resources, per keystroke: ${keystrokes.map((k) => `"${k.typed}" ${k.values} values, ${k.requests} req, ${k.bytes} B`).join('; ')}`
      );
      const typedOnes = keystrokes.filter((k) => k.typed);
      const extra = Math.max(...typedOnes.map((k) => k.requests - (Math.floor(k.values / 1000) + 1)));
      results.count({
        id: 'lookups.variable.typed.requests',
        name: `variable over ${RESOURCES} resources, typed: requests beyond ⌊matches/1000⌋+1`,
        value: Math.max(0, extra),
        unit: 'requests',
        max: 0,
        note: typedOnes
          .map((k) => `"${k.typed}" ${k.values} values ${k.requests} req ${(k.bytes / 1024).toFixed(1)} KB`)
          .join(', '),
      });
      const perOption = Math.max(...keystrokes.map((k) => k.bytes / Math.max(1, k.values)));
      results.count({
        id: 'lookups.variable.bytes_per_option',
        name: `variable over ${RESOURCES} resources: bytes per option`,
        value: Math.round(perOption),
        unit: 'bytes',
        max: 100,
      });
      const empty = keystrokes[0];
      results.info({
        id: 'lookups.variable.empty',
        name: `variable over ${RESOURCES} resources, nothing typed (every option)`,
        value: empty.bytes,
        unit: 'bytes',
        shown: `${empty.requests} requests, ${(empty.bytes / 1024).toFixed(0)} KB`,
        note: `${empty.values} values, pages of 1,000 with attrs id and display_name`,
      });

      const ds = plugin.createDatasource(settings, { traffic: true });
      const names = await ds.lookups.metricNames('bench_vm');
      const afterNames = ds.traffic();
      const values = await ds.lookups.attributeValues('bench_vm', 'display_name', 'vm-01');
      const afterValues = ds.traffic().slice(afterNames.length);
      for (const [id, name, sent, found] of [
        ['metric_names', 'editor look-up: metric names of the type', afterNames, `${names.length} names`],
        [
          'attribute_values',
          'editor look-up: display_name values starting with "vm-01"',
          afterValues,
          `${values.length} values`,
        ],
      ]) {
        results.count({
          id: `lookups.editor.${id}`,
          name: `${name} (${RESOURCES} resources)`,
          value: sent.length,
          unit: 'requests',
          max: 1,
          note: `${found}, ${(sent.reduce((s, x) => s + x.bytes, 0) / 1024).toFixed(1)} KB (one page, only the attributes needed)`,
        });
      }
    } finally {
      await standin.stop();
    }
  },
};
