/**
 * The running real stack (stack/), if any: its seed (`$STACK_STATE/seed.json`) and whether Keystone and
 * Gnocchi answer. Returns `{ seed }`, or `{ reason }` saying what is missing.
 */
const fs = require('node:fs');
const path = require('node:path');

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.status < 500 ? null : `HTTP ${res.status}`;
  } catch (e) {
    return (e.cause && e.cause.code) || e.name || 'no answer';
  }
}

async function findStack() {
  const state = process.env.STACK_STATE || '/tmp/gnocchi-ds-stack';
  const file = path.join(state, 'seed.json');
  let seed;
  try {
    seed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { reason: `the real stack is not running: no ${file} (npm run stack:up)` };
  }
  for (const [service, url] of [
    ['Keystone', `${seed.urls.keystone}/v3`],
    ['Gnocchi', `${seed.urls.gnocchi}/v1/resource`],
  ]) {
    const why = await answers(url);
    if (why) {
      return { reason: `the real stack is not running: ${service} at ${url}: ${why} (npm run stack:up)` };
    }
  }
  return { seed };
}

/** Data source settings for the seed's `grafana` user (Keystone password, browser access). */
function stackSettings(seed) {
  return {
    url: seed.urls.keystone,
    access: 'direct',
    jsonData: { mode: 'keystone', username: 'grafana', password: 'grafana-secret', project: 'grafana-demo' },
  };
}

module.exports = { findStack, stackSettings };
