/**
 * Timing: a whole panel query — request, response over loopback, decoding, the reader, series,
 * frames — through the plugin's data source against a stand-in Gnocchi (bench/lib/server.cjs, its
 * own process), as a ratio to `JSON.parse` of the same body: ≤ 1.0× (the stretch: 0.7×).
 * Bodies as Gnocchi writes them (`, ` separators, floats): 500 series × 1,440 points and 5 × 100,000.
 * Also reported: the peak memory of one such query, and of `JSON.parse` of the body, each in a
 * fresh process.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const plugin = require('../lib/plugin.cjs');
const { searchBody, gnocchiText } = require('../lib/bodies.cjs');
const { startServer } = require('../lib/server.cjs');
const { peakMemory } = require('../lib/peak.cjs');

const MAX = 1.0;
// Each round runs both sides `samples` times on ~30 MB bodies: fewer rounds than the small cases.
const MAX_ROUNDS = 9;
const SHAPES = [
  { id: '500x1440', resources: 500, points: 1440 },
  { id: '5x100000', resources: 5, points: 100_000 },
];
const START_MS = Date.UTC(2026, 0, 1); // bench/lib/bodies.cjs
const MiB = 1024 * 1024;
const mb = (bytes) => `${(bytes / MiB).toFixed(0)} MB`;

/** A saved panel query in resource search mode: one POST /v1/aggregates, shape C. */
const QUERY = { queryMode: 'resource_search', resource_type: 'instance', metric_name: 'cpu_util', queryVersion: 2 };

/** The frames' columns equal the plain path's (parseGnocchiJson + aggregatesToSeries) for this body. */
function checkFrames(frames, text, shape) {
  const plain = plugin.seriesColumns(plugin.bodyToSeries(plugin.parseBody(text)), { granularity: 60 });
  if (frames.length !== shape.resources || plain.length !== shape.resources) {
    throw new Error(`bench: ${frames.length} frames for the ${shape.id} body, expected ${shape.resources}`);
  }
  frames.forEach((f, i) => {
    const [time, value] = f.fields;
    const want = plain[i];
    if (time.values.length !== shape.points || time.values.some((t, k) => t !== want.times[k])) {
      throw new Error(`bench: frame ${i} of the ${shape.id} body: times differ from the plain path`);
    }
    if (value.values.some((v, k) => !Object.is(v, want.values[k]))) {
      throw new Error(`bench: frame ${i} of the ${shape.id} body: values differ from the plain path`);
    }
  });
}

module.exports = {
  id: 'query',
  async run({ results, seed, measureAsync, log }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gnocchi-bench-'));
    const texts = {};
    for (const shape of SHAPES) {
      texts[shape.id] = gnocchiText(JSON.parse(searchBody({ ...shape, seed })));
      fs.writeFileSync(path.join(dir, shape.id), texts[shape.id]);
    }
    const server = await startServer(Object.fromEntries(SHAPES.map((s) => [s.id, path.join(dir, s.id)])));
    try {
      for (const shape of SHAPES) {
        const text = texts[shape.id];
        const size = `${(text.length / 1e6).toFixed(1)} MB`;
        const what = `${shape.resources} series × ${shape.points.toLocaleString('en')} points`;
        const settings = { url: server.url(shape.id), access: 'direct', jsonData: { mode: 'noauth' } };
        const window = { fromMs: START_MS, toMs: START_MS + shape.points * 60_000 };
        const ds = plugin.createDatasource(settings);
        // no archive-policy look-up: it is a small request cached per dashboard, and the stand-in answers
        // every path with this body
        const query = () => ds.query(QUERY, window, { lookups: undefined });
        checkFrames(await query(), text, shape);
        log(`query: ${what} (${size}) from ${server.url(shape.id)}`);
        const m = await measureAsync({ baseline: () => JSON.parse(text), subject: query, maxRounds: MAX_ROUNDS });
        results.ratio({
          id: `query.ratio.${shape.id}`,
          name: `whole query, ${size} body (${what}) over loopback → frames / JSON.parse`,
          measurement: m,
          max: MAX,
        });
        const [q, p] = [
          await peakMemory({ mode: 'query', settings, query: QUERY, window }),
          await peakMemory({ mode: 'parse', file: path.join(dir, shape.id) }),
        ];
        results.info({
          id: `query.peakHeap.${shape.id}`,
          name: `peak heap of one query, ${size} body (JSON.parse of the body: ${mb(p.heapBytes)})`,
          value: q.heapBytes,
          unit: 'bytes',
          shown: mb(q.heapBytes),
          note: `peak RSS +${mb(q.rssBytes)} (JSON.parse: +${mb(p.rssBytes)})`,
        });
      }
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
