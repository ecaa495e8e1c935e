/**
 * The playground / e2e host server: a static server bound to 127.0.0.1 (plain Node, no deps).
 *
 *   /                          the host page (index.html)
 *   /host/*                    the host bundle (e2e/host/dist, built by e2e/host/build.mjs)
 *   /dist/*                    the BUILT plugin (repository dist/, `npm run build`)
 *   /fixtures/*                broken plugin modules the host is tested with
 *   /public/build/img/icons/*  @grafana/ui's icons, where Grafana serves them
 *   /playground-defaults.json  default settings and query, from $STACK_STATE/seed.json
 *   /api/*                     404: there is no Grafana API (local backendSrv calls fail like an unknown route)
 *
 * Usage: node e2e/host/server.mjs   (HOST_PORT, default 3000; STACK_STATE, default /tmp/gnocchi-ds-stack)
 * As a module: `startHostServer({ port })` → { url, close() }.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css',
  '.md': 'text/markdown; charset=utf-8',
};

const MOUNTS = [
  ['/host/', join(HERE, 'dist')],
  ['/dist/', join(ROOT, 'dist')],
  ['/fixtures/', join(HERE, 'dist/fixtures')],
  ['/fixtures/', join(HERE, 'fixtures')],
  // Grafana serves @grafana/ui's icons from public/build/img/icons
  ['/public/build/img/icons/', join(ROOT, 'node_modules/@grafana/ui/dist/public/img/icons')],
];

/** Defaults for the playground from the stack's seed (demo credentials of the local test stack). */
export function playgroundDefaults(stateDir = process.env.STACK_STATE || '/tmp/gnocchi-ds-stack') {
  const file = join(stateDir, 'seed.json');
  if (!existsSync(file)) {
    return { url: 'http://127.0.0.1:5000', jsonData: { mode: 'keystone' } };
  }
  const seed = JSON.parse(readFileSync(file, 'utf8'));
  const user = seed.users?.grafana ?? {};
  const end = seed.measures?.end_unix ? seed.measures.end_unix * 1000 : undefined;
  return {
    url: `${seed.urls.keystone}/v3`,
    jsonData: {
      mode: 'keystone',
      username: user.name,
      password: user.password,
      domain: 'default',
      project: user.project,
      projectDomainId: 'default',
    },
    query: {
      queryMode: 'dynamic_aggregates',
      resource_type: 'demo_instance',
      resource_search: 'host in $hosts',
      operations: '(aggregate mean (metric cpu_util mean))',
      groupby: 'host',
      label: 'cpu of ${host}',
    },
    vars: [
      {
        name: 'hosts',
        multi: true,
        options: ['compute-1', 'compute-2', 'compute-3', 'compute-4'],
        current: ['compute-1', 'compute-2', 'compute-3', 'compute-4'],
      },
    ],
    from: end ? String(end - 6 * 3600_000) : 'now-6h',
    to: end ? String(end) : 'now',
  };
}

function send(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://host');
  const path = decodeURIComponent(url.pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'method not allowed');
  }
  if (path === '/' || path === '/index.html') {
    return send(res, 200, await readFile(join(HERE, 'index.html')), TYPES['.html']);
  }
  if (path === '/playground-defaults.json') {
    return send(res, 200, JSON.stringify(playgroundDefaults()), TYPES['.json']);
  }
  if (path.startsWith('/api/')) {
    return send(
      res,
      404,
      JSON.stringify({ message: 'Not found: the playground host has no Grafana API' }),
      TYPES['.json']
    );
  }
  for (const [prefix, dir] of MOUNTS) {
    if (!path.startsWith(prefix)) {
      continue;
    }
    const file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir + sep)) {
      return send(res, 403, 'forbidden');
    }
    try {
      const st = await stat(file);
      if (!st.isFile()) {
        continue;
      }
      return send(res, 200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      continue;
    }
  }
  return send(res, 404, `not found: ${path}`);
}

export function startHostServer({ port = Number(process.env.HOST_PORT || 3000), host = '127.0.0.1' } = {}) {
  return new Promise((resolvePromise, reject) => {
    const server = createServer((req, res) => {
      handle(req, res).catch((e) => send(res, 500, String(e?.stack ?? e)));
    });
    server.on('error', reject);
    server.listen(port, host, () => {
      resolvePromise({
        url: `http://localhost:${port}`,
        port,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(HERE, 'dist/host.js'))) {
    console.error('e2e/host/dist/host.js is missing: run `node e2e/host/build.mjs` first');
    process.exit(1);
  }
  if (!existsSync(join(ROOT, 'dist/module.js'))) {
    console.error('dist/module.js is missing: run `npm run build` first');
    process.exit(1);
  }
  const server = await startHostServer();
  console.log(`Playground: ${server.url}/  (serving dist/module.js; Ctrl-C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
