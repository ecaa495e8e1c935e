/**
 * The playground / e2e host server: a static server bound to 127.0.0.1 (plain Node, no deps).
 *
 *   /                          the host page (index.html)
 *   /host/<tree>/*             the host bundle built against host dependency tree <tree>
 *                              (e2e/host/dist/<tree>, built by e2e/host/build.mjs)
 *   /dist/*                    the BUILT plugin (repository dist/, `npm run build`)
 *   /fixtures/*                broken plugin modules the host is tested with
 *   /public/build/img/icons/*  @grafana/ui's icons, where Grafana serves them
 *   /d/<uid>                   a provisioned dashboard (provisioning/dashboards/*.json with that uid) in
 *                              the playground's dashboard mode: a redirect to /?dashboard=<its JSON>
 *   /playground-defaults.json  default settings and query, from $STACK_STATE/seed.json
 *   /api/*                     404: there is no Grafana API (local backendSrv calls fail like an unknown route)
 *
 * The page loads the bundle of one tree: the `deps` URL parameter (`/?deps=grafana-13`), else the
 * `host-deps` cookie (a Playwright project can set it), else the server's default (`deps` option,
 * HOST_DEPS, grafana-13). index.html's `/host/host.js` and `13.2.2` are replaced with that tree's
 * bundle path and its @grafana/runtime version (the boot data's build info).
 *
 * Usage: node e2e/host/server.mjs   (HOST_PORT, default 3000; HOST_DEPS; STACK_STATE, default /tmp/gnocchi-ds-stack)
 * As a module: `startHostServer({ port, deps })` → { url, close() }.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

export const DEFAULT_DEPS = 'grafana-13';
const TREE_NAME = /^[\w.-]+$/;

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

/** The tree a page request asks for: `deps` parameter, `host-deps` cookie, else the default. */
export function requestedTree(url, cookieHeader, fallback) {
  const cookie = /(?:^|;\s*)host-deps=([^;]+)/.exec(cookieHeader ?? '')?.[1];
  const tree = url.searchParams.get('deps') || (cookie && decodeURIComponent(cookie)) || fallback;
  return TREE_NAME.test(tree) ? tree : undefined;
}

/** The @grafana/runtime version of a tree (what the boot data says Grafana is). */
function grafanaVersion(tree) {
  try {
    return JSON.parse(readFileSync(join(HERE, 'deps', tree, 'node_modules/@grafana/runtime/package.json'), 'utf8'))
      .version;
  } catch {
    return undefined;
  }
}

async function indexPage(tree) {
  if (!existsSync(join(HERE, 'dist', tree, 'host.js'))) {
    return undefined;
  }
  const version = grafanaVersion(tree) ?? '13.2.2';
  return (await readFile(join(HERE, 'index.html'), 'utf8'))
    .replace('/host/host.js', `/host/${tree}/host.js`)
    .replace(/version: '[^']*'/, `version: '${version}'`);
}

/** The provisioned dashboard JSON whose uid is `uid` (as Grafana's /d/<uid>), or undefined. */
export function provisionedDashboard(uid) {
  const dir = join(ROOT, 'provisioning/dashboards');
  for (const f of existsSync(dir) ? readdirSync(dir).filter((x) => x.endsWith('.json')) : []) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (JSON.parse(text).uid === uid) {
      return text;
    }
  }
  return undefined;
}

async function handle(req, res, deps) {
  const url = new URL(req.url, 'http://host');
  const path = decodeURIComponent(url.pathname);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'method not allowed');
  }
  if (path === '/' || path === '/index.html') {
    const tree = requestedTree(url, req.headers.cookie, deps);
    const page = tree && (await indexPage(tree));
    if (!page) {
      return send(
        res,
        404,
        `no host bundle for dependency tree "${tree ?? '(invalid name)'}": run \`HOST_DEPS=${tree ?? '<tree>'} node e2e/host/build.mjs\``
      );
    }
    return send(res, 200, page, TYPES['.html']);
  }
  const d = /^\/d\/([\w-]+)\/?$/.exec(path);
  if (d) {
    const text = provisionedDashboard(d[1]);
    if (!text) {
      return send(res, 404, `no provisioned dashboard with uid "${d[1]}" in provisioning/dashboards`);
    }
    const q = new URLSearchParams(url.search);
    q.set('dashboard', Buffer.from(JSON.stringify(JSON.parse(text))).toString('base64url'));
    res.writeHead(302, { Location: `/?${q}`, 'Cache-Control': 'no-store' });
    return res.end();
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

export function startHostServer({
  port = Number(process.env.HOST_PORT || 3000),
  host = '127.0.0.1',
  deps = process.env.HOST_DEPS?.split(',')[0] || DEFAULT_DEPS,
} = {}) {
  return new Promise((resolvePromise, reject) => {
    const server = createServer((req, res) => {
      handle(req, res, deps).catch((e) => send(res, 500, String(e?.stack ?? e)));
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
  const deps = process.env.HOST_DEPS?.split(',')[0] || DEFAULT_DEPS;
  if (!existsSync(join(HERE, 'dist', deps, 'host.js'))) {
    console.error(`e2e/host/dist/${deps}/host.js is missing: run \`HOST_DEPS=${deps} node e2e/host/build.mjs\` first`);
    process.exit(1);
  }
  if (!existsSync(join(ROOT, 'dist/module.js'))) {
    console.error('dist/module.js is missing: run `npm run build` first');
    process.exit(1);
  }
  const server = await startHostServer();
  console.log(`Playground: ${server.url}/  (serving dist/module.js, host on ${deps}; Ctrl-C to stop)`);
  console.log(`Demo dashboard (scenes): ${server.url}/d/gnocchi-demo`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
