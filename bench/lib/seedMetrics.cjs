/**
 * Metrics with data in every archive, for this bench run only: one `generic` resource of the seeded
 * `grafana` user (project grafana-demo) with a `ceilometer-high` metric (`bench.high`: one point a second
 * for the last hour, a minute for the rest of the last day, an hour for the 7 days before) and a
 * `ceilometer-low` one (`bench.low`: one point every 5 minutes for 8 days). About 7,600 measures in one
 * batch request, processed at once (`refresh=true`); `remove()` deletes the resource and its metrics.
 */
const crypto = require('node:crypto');

const POLICIES = { high: 'ceilometer-high', low: 'ceilometer-low' };

async function call(method, url, token, body) {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Auth-Token': token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  if (res.status >= 400) {
    throw new Error(`bench seed: ${method} ${new URL(url).pathname} answered ${res.status}: ${text.slice(0, 200)}`);
  }
  return { res, body: text ? JSON.parse(text) : undefined };
}

async function token(seed) {
  const u = seed.users.grafana;
  const { res } = await call('POST', `${seed.urls.keystone}/v3/auth/tokens`, undefined, {
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: u.name, domain: { id: 'default' }, password: u.password } },
      },
      scope: { project: { id: u.project_id } },
    },
  });
  return res.headers.get('x-subject-token');
}

const value = (t) => Math.round((50 + 40 * Math.sin((2 * Math.PI * t) / 86400) + (t % 7)) * 1000) / 1000;

/** Timestamps (seconds): every `step` from `from` (inclusive) to `to` (exclusive). */
function* every(from, to, step) {
  for (let t = from; t < to; t += step) {
    yield t;
  }
}

async function seedMetrics(seed, log = () => undefined) {
  const started = Date.now();
  const gn = seed.urls.gnocchi;
  const tok = await token(seed);
  const resourceId = crypto.randomUUID();
  const { body: resource } = await call('POST', `${gn}/v1/resource/generic`, tok, {
    id: resourceId,
    project_id: seed.users.grafana.project_id,
    metrics: Object.fromEntries(Object.entries(POLICIES).map(([k, p]) => [`bench.${k}`, { archive_policy_name: p }])),
  });
  const end = Math.floor(Date.now() / 1000);
  const hour = 3600;
  const day = 24 * hour;
  const high = [
    ...every(end - 8 * day, end - day, hour),
    ...every(end - day, end - hour, 60),
    ...every(end - hour, end + 1, 1),
  ];
  const low = [...every(end - 8 * day, end + 1, 300)];
  const measures = (ts) => ts.map((t) => ({ timestamp: t, value: value(t) }));
  const metrics = {
    high: { id: resource.metrics['bench.high'], name: 'bench.high' },
    low: { id: resource.metrics['bench.low'], name: 'bench.low' },
  };
  const remove = async () => {
    await call('DELETE', `${gn}/v1/resource/generic/${resourceId}`, tok).catch((e) => log(`bench seed: ${e.message}`));
  };
  try {
    await call('POST', `${gn}/v1/batch/metrics/measures`, tok, {
      [metrics.high.id]: measures(high),
      [metrics.low.id]: measures(low),
    });
    for (const m of Object.values(metrics)) {
      await call('GET', `${gn}/v1/metric/${m.id}/measures?refresh=true&start=${end - 60}`, tok);
    }
  } catch (e) {
    await remove();
    throw e;
  }
  log(
    `granularity: seeded ${high.length + low.length} measures on resource ${resourceId} in ${((Date.now() - started) / 1000).toFixed(1)} s`
  );
  return { resourceId, metrics, remove };
}

module.exports = { seedMetrics };
