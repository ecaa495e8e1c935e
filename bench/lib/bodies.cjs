/** Generated Gnocchi response bodies, deterministic for a given seed. */
const { prng } = require('./prng.cjs');

const START_MS = Date.UTC(2026, 0, 1);

/**
 * A search-mode `POST /v1/aggregates` body (shape C): `resources` resources × 1 metric × `points`
 * points of `granularity` seconds, values with 0–3 decimals drawn from the seeded generator.
 */
function searchBody({ resources, points, granularity = 60, seed = 1 }) {
  const rand = prng(seed);
  const measures = {};
  const references = [];
  for (let r = 0; r < resources; r++) {
    const id = `00000000-0000-4000-8000-${String(r).padStart(12, '0')}`;
    const series = new Array(points);
    for (let i = 0; i < points; i++) {
      const ts = new Date(START_MS + i * granularity * 1000).toISOString().replace('.000Z', '+00:00');
      series[i] = [ts, granularity, Math.round(rand() * 1e6) / 1e3];
    }
    measures[id] = { cpu_util: { mean: series } };
    references.push({
      id,
      type: 'instance',
      display_name: `vm-${r}`,
      host: `compute-${r % 4}`,
      metrics: { cpu_util: id },
    });
  }
  return JSON.stringify({ measures, references });
}

/**
 * A parsed body written as Gnocchi writes it (Python's `json.dumps`: `, ` and `: ` separators, every
 * number a float, e.g. `60.0`).
 */
function gnocchiText(value) {
  if (Array.isArray(value)) {
    return `[${value.map(gnocchiText).join(', ')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${gnocchiText(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? `${value}.0` : String(value);
  }
  return JSON.stringify(value);
}

/** The same text with the first value of the body replaced by Gnocchi's bare `NaN` (not JSON). */
function withBareNaN(body) {
  const out = body.replace(/,(\d+(\.\d+)?)\]/, ',NaN]');
  if (out === body) {
    throw new Error('bench: no value to replace by NaN');
  }
  return out;
}

module.exports = { searchBody, withBareNaN, gnocchiText };
