/** `node --test bench/`: the bench's own logic (no timing, no stack). */
const test = require('node:test');
const assert = require('node:assert/strict');
const { prng } = require('./prng.cjs');
const { summary } = require('./stats.cjs');
const { searchBody, withBareNaN, gnocchiText } = require('./bodies.cjs');
const { Results } = require('./results.cjs');
const { interleavedRatio, interleavedRatioAsync } = require('./timing.cjs');
const { startServer } = require('./server.cjs');

const measurement = (median) => ({
  ratio: { n: 3, min: median, p25: median, median, p75: median, max: median },
  clock: 'cpu',
  samples: 3,
  iterations: 1,
  baselineMs: 1,
  subjectMs: median,
});

test('the generator and the bodies are the same for a seed, different across seeds', () => {
  assert.deepEqual([prng(7)(), prng(7)()], [prng(7)(), prng(7)()]);
  const a = searchBody({ resources: 3, points: 5, seed: 1 });
  assert.equal(a, searchBody({ resources: 3, points: 5, seed: 1 }));
  assert.notEqual(a, searchBody({ resources: 3, points: 5, seed: 2 }));
  const body = JSON.parse(a);
  assert.equal(Object.keys(body.measures).length, 3);
  assert.equal(body.references.length, 3);
  assert.match(withBareNaN(a), /,NaN\]/);
});

test('summary: median and quartiles', () => {
  assert.deepEqual(summary([5, 1, 3, 2, 4]), { n: 5, min: 1, p25: 2, median: 3, p75: 4, max: 5 });
  assert.equal(summary([1, 2]).median, 1.5);
});

test('a missed timing ratio fails the run, unless timing is advisory', () => {
  const enforce = new Results({ timing: 'enforce' });
  enforce.ratio({ id: 't', name: 't', measurement: measurement(0.9), max: 0.6 });
  assert.equal(enforce.failed.length, 1);
  const advisory = new Results({ timing: 'advisory' });
  advisory.ratio({ id: 't', name: 't', measurement: measurement(0.9), max: 0.6 });
  advisory.ratio({ id: 'u', name: 'u', measurement: measurement(0.5), max: 0.6 });
  assert.deepEqual(
    advisory.rows.map((r) => r.status),
    ['miss (advisory)', 'ok']
  );
  assert.equal(advisory.failed.length, 0);
});

test('a missed count fails the run even when timing is advisory', () => {
  const r = new Results({ timing: 'advisory' });
  r.count({ id: 'c', name: 'c', value: 2, max: 1, unit: 'requests' });
  r.count({ id: 'd', name: 'd', value: 1, max: 1, unit: 'requests' });
  assert.deepEqual(
    r.rows.map((x) => x.status),
    ['FAIL', 'ok']
  );
});

test('a budget not measured is skipped, or fails when required', () => {
  const r = new Results({ timing: 'enforce' });
  r.notMeasured({ id: 'a', name: 'a', kind: 'count', limit: '≤ 1', reason: 'no stack' });
  r.notMeasured({ id: 'b', name: 'b', kind: 'count', limit: '≤ 1', reason: 'no stack', required: true });
  assert.deepEqual(
    r.rows.map((x) => x.status),
    ['skip', 'FAIL']
  );
  assert.match(r.table(), /\| skip +\| a /);
});

test('interleavedRatio: the median ratio of a subject doing twice the work', () => {
  const work = (n) => () => {
    let x = 0;
    for (let i = 0; i < n; i++) {
      x += Math.sqrt(i);
    }
    return x;
  };
  const m = interleavedRatio({ baseline: work(2e5), subject: work(4e5), rounds: 7, clock: 'cpu' });
  assert.equal(m.ratio.n, 7);
  assert.ok(m.ratio.median > 1.3 && m.ratio.median < 3, `ratio ${m.ratio.median}`);
});

test('gnocchiText writes a body as Gnocchi does (", " separators, floats)', () => {
  assert.equal(gnocchiText({ m: [['t', 60, 1.5]], r: [{ id: 'x' }] }), '{"m": [["t", 60.0, 1.5]], "r": [{"id": "x"}]}');
  const body = JSON.parse(searchBody({ resources: 2, points: 3, seed: 1 }));
  assert.deepEqual(JSON.parse(gnocchiText(body)), body);
});

test('an info row is reported without a budget', () => {
  const r = new Results({ timing: 'enforce' });
  r.info({ id: 'm', name: 'peak heap', value: 1e9, unit: 'bytes', shown: '954 MB' });
  assert.deepEqual(
    r.rows.map((x) => [x.status, x.limit]),
    [['info', 'reported']]
  );
  assert.equal(r.failed.length, 0);
});

test('interleavedRatioAsync: awaited sides, same statistics', async () => {
  const wait = (n) => async () => {
    let x = 0;
    for (let i = 0; i < n; i++) {
      x += Math.sqrt(i);
    }
    await new Promise((resolve) => setImmediate(resolve));
    return x;
  };
  const m = await interleavedRatioAsync({ baseline: wait(2e5), subject: wait(4e5), rounds: 5, clock: 'cpu' });
  assert.equal(m.ratio.n, 5);
  assert.ok(m.ratio.median > 1.2 && m.ratio.median < 3.5, `ratio ${m.ratio.median}`);
});

test('the stand-in server answers each body by its first path segment, in another process', async () => {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gnocchi-bench-test-'));
  fs.writeFileSync(path.join(dir, 'a'), '{"measures": {}}');
  const server = await startServer({ a: path.join(dir, 'a') });
  try {
    const ok = await fetch(`${server.url('a')}/v1/aggregates`, { method: 'POST', body: '{}' });
    assert.equal(await ok.text(), '{"measures": {}}');
    const missing = await fetch(`${server.url('b')}/v1/aggregates`);
    assert.equal(missing.status, 404);
    await missing.arrayBuffer();
    assert.equal(await server.requests(), 2);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true });
  }
});
