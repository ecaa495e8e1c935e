/**
 * Builds the host bundle and fixtures (webpack.config.cjs) unless they are newer than their sources
 * and package-lock.json. `--force` always builds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const OUTPUTS = [join(HERE, 'dist/host.js'), join(HERE, 'dist/fixtures/own-react/module.js')];
// written after each successful build (webpack does not rewrite unchanged outputs)
const STAMP = join(HERE, 'dist/.build-stamp');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) {
    return st.mtimeMs;
  }
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const inputs = [
  join(HERE, 'src'),
  join(HERE, 'fixtures'),
  join(HERE, 'webpack.config.cjs'),
  join(ROOT, 'package-lock.json'),
];
const upToDate = [...OUTPUTS, STAMP].every(existsSync) && statSync(STAMP).mtimeMs > Math.max(...inputs.map(newest));

if (upToDate && !process.argv.includes('--force')) {
  console.log('host bundle up to date (e2e/host/dist)');
} else {
  const t = Date.now();
  console.log('building the host bundle (e2e/host/dist) ...');
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '-c', join(HERE, 'webpack.config.cjs')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }
  );
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    console.error('host bundle build failed');
    process.exit(r.status ?? 1);
  }
  writeFileSync(STAMP, new Date().toISOString() + '\n');
  console.log(`host bundle built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
