/** `node --test bench/`: the bench's own logic (no timing, no stack). */
const test = require('node:test');
const assert = require('node:assert/strict');
const { prng } = require('./prng.cjs');
const { summary } = require('./stats.cjs');
const { searchBody, withBareNaN } = require('./bodies.cjs');
const { Results } = require('./results.cjs');
const { interleavedRatio } = require('./timing.cjs');

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
