/**
 * Builds the host bundle for each host dependency tree (webpack.config.cjs) into
 * e2e/host/dist/<tree>/host.js, and the fixtures into e2e/host/dist/fixtures, unless they are newer
 * than their sources and lockfiles. `--force` always builds.
 *
 * Trees: `--deps a,b` or HOST_DEPS=a,b (default grafana-13); each is e2e/host/deps/<tree>, a
 * package.json + package-lock.json installed with `npm ci --prefix e2e/host/deps/<tree>`
 * (scripts/lib.sh ensure_host_deps). `--deps all` builds every tree found there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
export const DEFAULT_DEPS = 'grafana-13';

/** The trees named by `--deps` / HOST_DEPS (`all`: every e2e/host/deps/* with a package.json). */
export function treesOf(argv = process.argv, env = process.env) {
  const i = argv.indexOf('--deps');
  const raw = (i >= 0 ? argv[i + 1] : env.HOST_DEPS) || DEFAULT_DEPS;
  if (raw === 'all') {
    return readdirSync(join(HERE, 'deps')).filter((d) => existsSync(join(HERE, 'deps', d, 'package.json')));
  }
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) {
    return st.mtimeMs;
  }
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

function build(tree, withFixtures) {
  const out = join(HERE, 'dist', tree);
  // written after each successful build (webpack does not rewrite unchanged outputs)
  const stamp = join(out, '.build-stamp');
  const outputs = [join(out, 'host.js'), stamp];
  if (withFixtures) {
    outputs.push(join(HERE, 'dist/fixtures/own-react/module.js'));
  }
  const lock = join(HERE, 'deps', tree, 'package-lock.json');
  if (!existsSync(lock)) {
    console.error(`unknown host dependency tree "${tree}": e2e/host/deps/${tree}/package-lock.json is missing`);
    process.exit(1);
  }
  const inputs = [
    join(HERE, 'src'),
    join(HERE, 'fixtures'),
    join(HERE, 'webpack.config.cjs'),
    join(ROOT, 'src/testing'),
    join(ROOT, 'package-lock.json'),
    lock,
  ];
  const upToDate = outputs.every(existsSync) && statSync(stamp).mtimeMs > Math.max(...inputs.map(newest));
  if (upToDate && !process.argv.includes('--force')) {
    console.log(`host bundle up to date (e2e/host/dist/${tree})`);
    return;
  }
  const t = Date.now();
  console.log(`building the host bundle (e2e/host/dist/${tree}) ...`);
  const args = [join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '-c', join(HERE, 'webpack.config.cjs')];
  args.push('--env', `deps=${tree}`);
  if (withFixtures) {
    args.push('--env', 'fixtures');
  }
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    console.error(`host bundle build failed (${tree})`);
    process.exit(r.status ?? 1);
  }
  writeFileSync(stamp, new Date().toISOString() + '\n');
  console.log(`host bundle built in ${((Date.now() - t) / 1000).toFixed(1)} s (${tree})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  treesOf().forEach((tree, i) => build(tree, i === 0));
}
