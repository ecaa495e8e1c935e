/**
 * Budget results: one row per budget, printed as a table and written as JSON.
 * Row kinds: `timing` (a ratio of medians of interleaved runs; fails the run unless timing is advisory)
 * and `count` (requests, tokens, bytes: machine-independent, always fail the run when missed); `info`
 * rows (e.g. peak memory) are reported without a budget.
 */
const fs = require('node:fs');
const path = require('node:path');

const fmtRatio = (x) => `${x.toFixed(2)}×`;
const round3 = (x) => Math.round(x * 1000) / 1000;

class Results {
  /** @param {{ timing: 'enforce' | 'advisory' }} o */
  constructor({ timing }) {
    this.timing = timing;
    this.rows = [];
  }

  /** A timing ratio (result of `interleavedRatio`) against `max` (e.g. 0.6 for ≤ 0.60×). */
  ratio({ id, name, measurement, max }) {
    const r = measurement.ratio;
    const met = r.median <= max;
    this.rows.push({
      id,
      name,
      kind: 'timing',
      status: met ? 'ok' : this.timing === 'advisory' ? 'miss (advisory)' : 'FAIL',
      value: round3(r.median),
      shown: fmtRatio(r.median),
      max,
      limit: `≤ ${fmtRatio(max)}`,
      spread: `${r.p25.toFixed(2)}–${r.p75.toFixed(2)}× (${r.n} rounds)`,
      stats: {
        n: r.n,
        min: round3(r.min),
        p25: round3(r.p25),
        median: round3(r.median),
        p75: round3(r.p75),
        max: round3(r.max),
        clock: measurement.clock,
        samplesPerRound: measurement.samples,
        callsPerSample: measurement.iterations,
        baselineMs: round3(measurement.baselineMs),
        subjectMs: round3(measurement.subjectMs),
      },
    });
  }

  /** A count (requests, tokens, bytes) against `max`. `shown` formats the value for the table. */
  count({ id, name, value, max, unit, shown, limit, note }) {
    this.rows.push({
      id,
      name,
      kind: 'count',
      status: value <= max ? 'ok' : 'FAIL',
      value,
      unit,
      shown: shown ?? String(value),
      max,
      limit: limit ?? `≤ ${max}`,
      ...(note ? { note } : {}),
    });
  }

  /** A measurement reported without a budget (e.g. peak memory): never fails the run. */
  info({ id, name, value, unit, shown, note }) {
    this.rows.push({
      id,
      name,
      kind: 'info',
      status: 'info',
      value,
      unit,
      shown: shown ?? String(value),
      limit: 'reported',
      ...(note ? { note } : {}),
    });
  }

  /** A budget not measured: `skip` (does not fail the run) or, when `required`, a failure. */
  notMeasured({ id, name, kind, limit, reason, required = false }) {
    this.rows.push({ id, name, kind, status: required ? 'FAIL' : 'skip', value: null, shown: '—', limit, reason });
  }

  get failed() {
    return this.rows.filter((r) => r.status === 'FAIL');
  }

  table() {
    const head = ['', 'budget', 'measured', 'limit', 'spread (p25–p75)'];
    const lines = this.rows.map((r) => [r.status, r.name, r.shown, r.limit, r.spread ?? '']);
    const width = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
    const row = (cells) => `| ${cells.map((c, i) => c.padEnd(width[i])).join(' | ')} |`;
    return [row(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n');
  }

  write(file, meta) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const summary = {
      failed: this.failed.length,
      advisoryMisses: this.rows.filter((r) => r.status === 'miss (advisory)').length,
      skipped: this.rows.filter((r) => r.status === 'skip').length,
      ok: this.rows.filter((r) => r.status === 'ok').length,
    };
    fs.writeFileSync(file, JSON.stringify({ ...meta, summary, results: this.rows }, null, 2) + '\n');
  }
}

module.exports = { Results };
