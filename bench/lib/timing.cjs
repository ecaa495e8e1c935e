/**
 * Timing ratios that hold on a loaded machine. The baseline (A, e.g. JSON.parse of a body) and the
 * subject (B, e.g. the conversion of the same body) run interleaved: each round runs A and B
 * `samples` times each, alternating which goes first (A B B A A B ...), and keeps the fastest sample
 * of each side; the round's ratio is B / A. The result is the median ratio of the rounds, with
 * p25–p75 as its spread.
 *
 * The clock is the CPU time of this process (user + system, `process.cpuUsage`), not the wall clock:
 * on a machine shared with other work the wall time of a sample mostly says how long the process
 * waited for a core (measured at load 10 on 2 cores: wall-clock ratios spread 0.15–0.46×, CPU-time
 * ratios 0.33–0.39× for the same pair). It includes V8's helper threads (concurrent GC, compilers),
 * so work moved off the main thread still counts. BENCH_CLOCK=wall measures elapsed time instead.
 *
 * No forced GC between samples: a full GC shrinks the young generation, and the next allocation-
 * heavy sample then pays to grow it again (the conversion measured 3× slower that way).
 */
const { summary } = require('./stats.cjs');

const CLOCKS = {
  cpu() {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  wall: () => Number(process.hrtime.bigint()) / 1e6,
};

// Each result is compared with an object it cannot be, so no call can be optimised away, but no
// result is kept: holding the last multi-MB result while the next call runs made every other sample
// pay a major GC (the NaN-tolerant parse measured 1.3–4.6× instead of 1.6–2.0×).
const NOTHING = {};
function consume(result) {
  if (result === NOTHING) {
    throw new Error('unreachable');
  }
}

/** Mean time of one call (ms) over `iterations` calls. */
function sample(fn, iterations, now) {
  const t0 = now();
  for (let i = 0; i < iterations; i++) {
    consume(fn());
  }
  return (now() - t0) / iterations;
}

/**
 * @param {object} o
 * @param {() => unknown} o.baseline  the reference (A)
 * @param {() => unknown} o.subject   what the budget is about (B)
 * @param {number} o.rounds           number of rounds (ratios)
 * @param {number} [o.samples]        samples of each side per round (the fastest counts)
 * @param {'cpu' | 'wall'} [o.clock]
 * @param {number} [o.warmup]         untimed A/B pairs first (JIT)
 * @param {number} [o.minSampleMs]    when the baseline is faster than this, each sample repeats both sides
 *                                    enough times to last about this long
 */
function interleavedRatio({ baseline, subject, rounds, samples = 3, clock = 'cpu', warmup = 3, minSampleMs = 2 }) {
  const now = CLOCKS[clock];
  let fastest = Infinity; // of the baseline's warm-up calls: calls per sample are fixed from it
  for (let i = 0; i < warmup; i++) {
    fastest = Math.min(fastest, sample(baseline, 1, now));
    consume(subject());
  }
  const iterations = Math.max(1, Math.ceil(minSampleMs / Math.max(fastest, 0.01)));
  const ratios = [];
  const a = [];
  const b = [];
  let turn = 0;
  for (let r = 0; r < rounds; r++) {
    let ta = Infinity;
    let tb = Infinity;
    for (let s = 0; s < samples; s++, turn++) {
      if (turn % 2 === 0) {
        ta = Math.min(ta, sample(baseline, iterations, now));
        tb = Math.min(tb, sample(subject, iterations, now));
      } else {
        tb = Math.min(tb, sample(subject, iterations, now));
        ta = Math.min(ta, sample(baseline, iterations, now));
      }
    }
    a.push(ta);
    b.push(tb);
    ratios.push(tb / ta);
  }
  return {
    ratio: summary(ratios),
    baselineMs: summary(a).median,
    subjectMs: summary(b).median,
    clock,
    rounds,
    samples,
    iterations,
  };
}

/** Mean time of one call (ms) of an async `fn` over `iterations` calls, one after the other. */
async function sampleAsync(fn, iterations, now) {
  const t0 = now();
  for (let i = 0; i < iterations; i++) {
    consume(await fn());
  }
  return (now() - t0) / iterations;
}

/**
 * `interleavedRatio` for a baseline and/or subject that return promises (e.g. a whole query over
 * HTTP): the same rounds, samples and statistics, each call awaited before the next starts. With the
 * CPU clock, time spent waiting (for the network, for a server in another process) does not count.
 */
async function interleavedRatioAsync({
  baseline,
  subject,
  rounds,
  samples = 3,
  clock = 'cpu',
  warmup = 3,
  minSampleMs = 2,
}) {
  const now = CLOCKS[clock];
  let fastest = Infinity;
  for (let i = 0; i < warmup; i++) {
    fastest = Math.min(fastest, await sampleAsync(baseline, 1, now));
    consume(await subject());
  }
  const iterations = Math.max(1, Math.ceil(minSampleMs / Math.max(fastest, 0.01)));
  const ratios = [];
  const a = [];
  const b = [];
  let turn = 0;
  for (let r = 0; r < rounds; r++) {
    let ta = Infinity;
    let tb = Infinity;
    for (let s = 0; s < samples; s++, turn++) {
      if (turn % 2 === 0) {
        ta = Math.min(ta, await sampleAsync(baseline, iterations, now));
        tb = Math.min(tb, await sampleAsync(subject, iterations, now));
      } else {
        tb = Math.min(tb, await sampleAsync(subject, iterations, now));
        ta = Math.min(ta, await sampleAsync(baseline, iterations, now));
      }
    }
    a.push(ta);
    b.push(tb);
    ratios.push(tb / ta);
  }
  return {
    ratio: summary(ratios),
    baselineMs: summary(a).median,
    subjectMs: summary(b).median,
    clock,
    rounds,
    samples,
    iterations,
  };
}

module.exports = { interleavedRatio, interleavedRatioAsync, CLOCKS: Object.keys(CLOCKS) };
