/**
 * The only file of the bench that imports the plugin's sources (src/). When src/ moves, update the
 * paths here; the cases only see the functions below.
 *   parseBody(text)                  Gnocchi response text → value (tolerates bare NaN/Infinity)
 *   bodyToSeries(body, ctx)          a parsed /v1/aggregates body → series
 *   seriesToFrames(series, opts)     series → Grafana data frames
 *   readAggregates(text, groupby)    /v1/aggregates response text → series (the reader: no JSON of the measures)
 *   seriesColumns(series, opts)      series → their { times, values } columns (to compare both paths)
 *   createDatasource(settings, o)    a data source instance on Node's fetch, with its look-ups (archive
 *                                    policies, memoized as in the plugin's data source); `o.traffic`: also
 *                                    the bytes and measures of every answer (a scan of the body: not in timings):
 *                                      { connect(), query(q, window, opts), counts(), traffic(), lookups }
 *   panelInterval(fromMs, toMs, n)   Grafana's interval (ms) for a panel of n max data points (rangeUtil)
 *   isPolicyLookup(req)              a request of the shared archive-policy look-ups (not the panel's own)
 *   variableValues(ds, q, typed)     a template variable's values (editor model `q`) with `typed` in the picker
 * The TypeScript sources are compiled on the fly with swc (no build needed). BENCH_SRC=<dir> reads them
 * from another directory of the same layout (e.g. an older commit's src/, to compare).
 */
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      module: { type: 'commonjs' },
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    });
    module._compile(code, filename);
  };
}

const src = path.resolve(path.join(__dirname, '..', '..'), process.env.BENCH_SRC || 'src');
const load = (file) => require(path.join(src, file));

const { parseGnocchiJson } = load('gnocchi/json.ts');
const { aggregatesToSeries } = load('gnocchi/series.ts');
const frames = load('query/frames.ts');
const { readAggregates } = load('gnocchi/reader/index.ts');
const { measuresToColumns } = load('gnocchi/columns.ts');

/** No dashboard variables in the bench: text is left as is. */
const noVariables = { replace: (text) => text };

function createDatasource(settings, { traffic: record = false } = {}) {
  const { GnocchiClient } = load('client.ts');
  const { fetchTransport } = load('http/transport.ts');
  const { prepareQuery } = load('query/prepare.ts');
  const { runQuery } = load('query/run.ts');
  const { LookupApi } = load('api/resources.ts');
  /** Every Gnocchi request and the bytes of its answer's body (UTF-8), in order. */
  const traffic = [];
  const counting = async (req) => {
    const res = await fetchTransport(req);
    if (req.service === 'Gnocchi') {
      traffic.push({ method: req.method, url: req.url, body: req.body });
    }
    if (record && req.service === 'Gnocchi') {
      const text = res.text ?? '';
      // measures in the body: `["<time>", <granularity>, <value>]` triples, and their bytes with the `, ` between them
      const triples = text.match(/\["[^"]*", [^,\]]+, [^\]]+\]/g) ?? [];
      const measuresBytes = triples.reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8') + 2, 0);
      const bytes = Buffer.byteLength(text, 'utf8');
      Object.assign(traffic[traffic.length - 1], { bytes, points: triples.length, measuresBytes });
    }
    return res;
  };
  const client = new GnocchiClient(settings, counting);
  const lookups = new LookupApi(client);
  return {
    /** Authenticates (when the mode needs a token) and finds the Gnocchi endpoint. */
    connect: () => client.gnocchiUrl(),
    /** One panel query (saved shape) → frames, as the data source runs it. `window` is `{ fromMs, toMs }`. */
    query: (q, window, opts = {}) =>
      runQuery(
        prepareQuery({ refId: 'A', ...q }, noVariables),
        { client, window },
        { intervalMs: 60_000, lookups, ...opts }
      ),
    /** Requests sent so far by this instance: `{ keystone, gnocchi }`. */
    counts: () => ({ ...client.counts }),
    /** Gnocchi requests so far with their answers' bytes and measures: `[{ method, url, body, bytes, points, measuresBytes }]`. */
    traffic: () => [...traffic],
    lookups,
    client,
  };
}

function panelInterval(fromMs, toMs, maxDataPoints) {
  const { rangeUtil, dateTime } = require('@grafana/data');
  const range = { from: dateTime(fromMs), to: dateTime(toMs), raw: { from: dateTime(fromMs), to: dateTime(toMs) } };
  return rangeUtil.calculateInterval(range, maxDataPoints).intervalMs;
}

/** The values of a variable query as the variable support runs them, `typed` being the picker's text ($__searchFilter). */
function variableValues(ds, q, typed = '') {
  const { runVariableKind } = load('variables/kinds.ts');
  const { HostTemplateSrv } = load('testing/grafanaTemplateSrv.ts');
  const scopedVars = { __searchFilter: { text: typed, value: typed } };
  return runVariableKind({ client: ds.client, templateSrv: new HostTemplateSrv([]), scopedVars }, q);
}

module.exports = {
  panelInterval,
  variableValues,
  isPolicyLookup: (req) => load('query/granularityPlan.ts').isPolicyLookup(req),
  parseBody: (text) => parseGnocchiJson(text),
  bodyToSeries: (body, ctx = {}) => aggregatesToSeries(body, ctx),
  seriesToFrames: (series, opts) => frames.seriesToFrames(series, opts),
  readAggregates: (text, groupby = []) => readAggregates(text, groupby),
  seriesColumns: (series, opts = {}) => series.map((s) => measuresToColumns(s.measures, opts)),
  createDatasource,
};
