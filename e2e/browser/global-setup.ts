/**
 * Before the browser tests: the built plugin must exist, the host bundle is (re)built if stale,
 * the real stack must answer, and the host server is started on HOST_PORT (stopped afterwards).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { loadSeed, STATE } from '../../tests/integration/seed';

const ROOT = resolve(__dirname, '../..');

export default async function globalSetup() {
  if (!existsSync(join(ROOT, 'dist/module.js'))) {
    throw new Error('dist/module.js is missing: run `npm run build` before the browser tests');
  }
  const build = spawnSync(process.execPath, [join(ROOT, 'e2e/host/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) {
    throw new Error('building the host bundle failed');
  }
  if (!existsSync(join(STATE, 'seed.json'))) {
    throw new Error(`${STATE}/seed.json is missing: start the real stack first (npm run stack:up)`);
  }
  const seed = loadSeed();
  for (const [name, url] of [
    ['Keystone', `${seed.urls.keystone}/v3`],
    ['Gnocchi', `${seed.urls.gnocchi}/`],
  ]) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch {
      throw new Error(`${name} does not answer at ${url}: start the real stack first (npm run stack:up)`);
    }
  }
  // the server module is plain ESM JavaScript (run with `node` by `npm run playground`)
  const { startHostServer } = await import(join(ROOT, 'e2e/host/server.mjs'));
  const port = Number(process.env.HOST_PORT || 3000);
  let server: { url: string; close(): Promise<void> };
  try {
    server = await startHostServer({ port });
  } catch (e) {
    throw new Error(`cannot start the host server on 127.0.0.1:${port}: ${(e as Error).message}`);
  }
  console.log(`host server: ${server.url}/`);
  return async () => {
    await server.close();
  };
}
