/**
 * A stand-in Gnocchi holding many resources of one type (the real stack creates resources one request at
 * a time: 10,000 take about 9 minutes on the 2-core machine, too long for each bench run). It answers
 * the resource search as Gnocchi 4.4 does for what the plugin sends: `POST /v1/search/resource/<type>`
 * with `limit` (≤ 1000, default 1000), `marker` (an id; sorted by id), `attrs` (only these attributes),
 * and a `like` on one attribute, as a JSON body (`{"like": {"display_name": "vm-1%"}}`) or a string
 * filter (`display_name like 'vm-1%'`); Gnocchi's `%`/`_` wildcards and `\` escapes. Anything else: 400.
 * In-process, 127.0.0.1, random port; bodies written with Gnocchi's separators.
 *
 *   const s = await startResources(10_000);  s.url;  s.requests();  await s.stop();
 */
const http = require('node:http');
const { gnocchiText } = require('./bodies.cjs');

const hex = (n, len) => n.toString(16).padStart(len, '0');
const idOf = (i) => `00000000-0000-4000-8000-${hex(i, 12)}`;

function resourceOf(i) {
  return {
    id: idOf(i),
    type: 'bench_vm',
    original_resource_id: `vm-${String(i).padStart(5, '0')}`,
    display_name: `vm-${String(i).padStart(5, '0')}`,
    host: `compute-${(i % 40) + 1}`,
    flavor_name: ['m1.small', 'm1.medium', 'm1.large'][i % 3],
    project_id: 'b77798ab99544e1b8eb983b5ca5599c0',
    user_id: null,
    started_at: '2024-01-01T00:00:00+00:00',
    ended_at: null,
    metrics: { cpu: idOf(1_000_000 + i), memory: idOf(2_000_000 + i), 'disk.usage': idOf(3_000_000 + i) },
  };
}

/** Gnocchi's LIKE (`%`, `_`, `\` escapes) as a RegExp. */
function likeRegExp(pattern) {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (c === '%') {
      re += '.*';
    } else if (c === '_') {
      re += '.';
    } else {
      re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`, 's');
}

/** The `like` of a search, or null (everything); throws on anything else. */
function likeOf(filter, body) {
  if (filter) {
    const m = /^\s*([a-z_]+)\s+like\s+(['"])((?:\\.|(?!\2).)*)\2\s*$/.exec(filter);
    if (!m) {
      throw new Error(`stand-in: unsupported filter ${filter}`);
    }
    return { attr: m[1], re: likeRegExp(m[3].replace(/\\(['"])/g, '$1')) };
  }
  if (!body || !Object.keys(body).length) {
    return null;
  }
  const [[attr, pattern]] = Object.entries(body.like ?? {});
  if (!attr || Object.keys(body).length !== 1) {
    throw new Error(`stand-in: unsupported search ${JSON.stringify(body)}`);
  }
  return { attr, re: likeRegExp(pattern) };
}

function startResources(count) {
  const all = Array.from({ length: count }, (_, i) => resourceOf(i + 1));
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        if (req.method !== 'POST' || !/^\/v1\/search\/resource\/bench_vm$/.test(url.pathname)) {
          throw new Error(`stand-in: unsupported ${req.method} ${url.pathname}`);
        }
        const like = likeOf(url.searchParams.get('filter'), text ? JSON.parse(text) : undefined);
        const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 1000));
        const marker = url.searchParams.get('marker');
        const attrs = url.searchParams.getAll('attrs');
        const page = [];
        for (const r of all) {
          if ((marker && r.id <= marker) || (like && !like.re.test(String(r[like.attr] ?? '')))) {
            continue;
          }
          page.push(attrs.length ? Object.fromEntries(attrs.filter((a) => a in r).map((a) => [a, r[a]])) : r);
          if (page.length >= limit) {
            break;
          }
        }
        const body = Buffer.from(gnocchiText(page));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
      } catch (e) {
        res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ description: e.message }));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        requests: () => requests,
        stop: () => new Promise((done) => server.close(done)),
      })
    )
  );
}

module.exports = { startResources, likeRegExp };
