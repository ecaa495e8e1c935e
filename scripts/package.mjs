#!/usr/bin/env node
/**
 * The release archive Grafana installs (`npm run package` = `npm run build` + this script):
 *
 *   node scripts/package.mjs [distDir=dist] [outDir=artifacts]
 *
 * writes `<outDir>/<id>-<version>.zip` holding the whole built folder renamed to the plugin id
 * (`<id>/module.js`, `<id>/plugin.json`, `<id>/img/…`, source map, README, CHANGELOG, LICENSE,
 * and MANIFEST.txt when `npm run sign` ran first), and `<id>-<version>.zip.sha1` beside it (the
 * hex digest alone). That is what grafana/plugin-actions' package step does
 * (`mv dist $PLUGIN_ID; zip $PLUGIN_ID-$VERSION.zip $PLUGIN_ID -r; sha1sum … | cut -f1 -d' '`),
 * id and version read from the built plugin.json, as there. Files keep their Unix modes (a
 * backend binary must stay executable); entries are sorted. Pure JS (fflate): no `zip` binary.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

// Grafana's plugin id rule (plugin.schema.json), and a version that is safe in a file name.
const ID_RE = /^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$/;
const VERSION_RE = /^[0-9A-Za-z][0-9A-Za-z.+-]*$/;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const UNIX = 3;

class PackageError extends Error {}

function readPluginJson(distDir) {
  if (!fs.existsSync(distDir) || !fs.statSync(distDir).isDirectory()) {
    throw new PackageError(`${distDir} is not a directory: run \`npm run build\` first`);
  }
  const file = path.join(distDir, 'plugin.json');
  if (!fs.existsSync(file)) {
    throw new PackageError(`${file} is missing: run \`npm run build\` first`);
  }
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PackageError(`${file} is not valid JSON (${e.message})`);
  }
  const id = json?.id;
  const version = json?.info?.version;
  if (typeof id !== 'string' || !ID_RE.test(id)) {
    throw new PackageError(`${file}: "id" ${JSON.stringify(id)} is not a Grafana plugin id`);
  }
  if (typeof version !== 'string' || !VERSION_RE.test(version)) {
    throw new PackageError(
      `${file}: "info.version" ${JSON.stringify(version)} is not a version (is this the built plugin.json?)`
    );
  }
  if (!fs.existsSync(path.join(distDir, 'module.js'))) {
    throw new PackageError(`${path.join(distDir, 'module.js')} is missing: run \`npm run build\` first`);
  }
  return { id, version };
}

/** The folder as fflate's nested tree: { name: [bytes, attrs] | [subtree, attrs] }, sorted. */
function tree(dir) {
  const out = {};
  const names = fs.readdirSync(dir).sort();
  for (const name of names) {
    const p = path.join(dir, name);
    const st = fs.statSync(p);
    const perm = st.mode & 0o7777;
    if (st.isDirectory()) {
      out[name] = [tree(p), { os: UNIX, attrs: ((S_IFDIR | perm) << 16) | 0x10, mtime: st.mtime, level: 0 }];
    } else if (st.isFile()) {
      out[name] = [new Uint8Array(fs.readFileSync(p)), { os: UNIX, attrs: (S_IFREG | perm) << 16, mtime: st.mtime }];
    }
  }
  return out;
}

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

export function packagePlugin(distDir, outDir) {
  const { id, version } = readPluginJson(distDir);
  const rootStat = fs.statSync(distDir);
  const dirMode = rootStat.mode & 0o7777;
  const zip = zipSync(
    { [id]: [tree(distDir), { os: UNIX, attrs: ((S_IFDIR | dirMode) << 16) | 0x10, mtime: rootStat.mtime, level: 0 }] },
    { level: 9 }
  );
  fs.mkdirSync(outDir, { recursive: true });
  const archive = path.join(outDir, `${id}-${version}.zip`);
  const sha1 = createHash('sha1').update(zip).digest('hex');
  writeAtomically(archive, zip);
  writeAtomically(`${archive}.sha1`, `${sha1}\n`);
  return { archive, sha1, bytes: zip.length };
}

function main(argv) {
  const [distDir = 'dist', outDir = 'artifacts', ...rest] = argv;
  if (rest.length > 0 || distDir.startsWith('-')) {
    throw new PackageError('usage: node scripts/package.mjs [distDir=dist] [outDir=artifacts]');
  }
  const { archive, sha1, bytes } = packagePlugin(distDir, outDir);
  console.log(`${archive} (${(bytes / 1024).toFixed(1)} KiB), sha1 ${sha1} in ${path.basename(archive)}.sha1`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`package: ${e instanceof PackageError ? e.message : e.stack}`);
    process.exit(1);
  }
}
