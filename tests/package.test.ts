/**
 * `npm run package` = `npm run build` + scripts/package.mjs. The script runs here as a real
 * process on a small dist/ made from the repository's own files (src/plugin.json with the
 * version the build writes, README, CHANGELOG, LICENSE, logo) — no webpack build — and the
 * archive is read back with the small ZIP reader below (central directory, local headers,
 * inflate, CRC), not with the library that wrote it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';

const root = join(__dirname, '..');
const script = join(root, 'scripts/package.mjs');
const srcPlugin = JSON.parse(readFileSync(join(root, 'src/plugin.json'), 'utf8'));
const version: string = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const ID: string = srcPlugin.id;
const ARCHIVE = `${ID}-${version}.zip`;

interface Entry {
  name: string;
  mode: number;
  data: Buffer;
}

/** Every entry of a ZIP file, from its central directory (no ZIP64: plugin archives are small). */
function readZip(zip: Buffer): Entry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const csize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const external = zip.readUInt32LE(p + 38);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + csize);
    expect([0, 8]).toContain(method);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length).toBe(size);
    expect(crc32(data) >>> 0).toBe(crc);
    entries.push({ name, mode: external >>> 16, data });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function run(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
}

let tmp: string;
let dist: string;
let out: string;

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'package-test-'));
  dist = join(tmp, 'dist');
  out = join(tmp, 'artifacts');
  mkdirSync(join(dist, 'img'), { recursive: true });
  // What `npm run build` writes into dist/plugin.json: package.json's version, today's date.
  const built = readFileSync(join(root, 'src/plugin.json'), 'utf8')
    .replace('%VERSION%', version)
    .replace('%TODAY%', '2026-01-01');
  writeFileSync(join(dist, 'plugin.json'), built);
  writeFileSync(join(dist, 'module.js'), 'define([], function () { return {}; });\n');
  writeFileSync(join(dist, 'module.js.map'), '{"version":3,"sources":[],"mappings":""}\n');
  for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE']) {
    copyFileSync(join(root, f), join(dist, f));
  }
  copyFileSync(join(root, 'src', srcPlugin.info.logos.small), join(dist, srcPlugin.info.logos.small));
});

afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('scripts/package.mjs', () => {
  it('writes <id>-<version>.zip with the built folder renamed to the plugin id, and its sha1', () => {
    const r = run(dist, out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([ARCHIVE, `${ARCHIVE}.sha1`]);
    expect(r.stdout).toContain(join(out, ARCHIVE));

    const zip = readFileSync(join(out, ARCHIVE));
    expect(readFileSync(join(out, `${ARCHIVE}.sha1`), 'utf8')).toBe(
      `${createHash('sha1').update(zip).digest('hex')}\n`
    );

    const entries = readZip(zip);
    const names = entries.map((e) => e.name);
    // Nothing outside the plugin folder, no path tricks.
    for (const name of names) {
      expect(name.startsWith(`${ID}/`)).toBe(true);
      expect(name.split('/')).not.toContain('..');
    }
    expect(names).toEqual([
      `${ID}/`,
      `${ID}/CHANGELOG.md`,
      `${ID}/LICENSE`,
      `${ID}/README.md`,
      `${ID}/img/`,
      `${ID}/img/logo.svg`,
      `${ID}/module.js`,
      `${ID}/module.js.map`,
      `${ID}/plugin.json`,
    ]);

    const byName = new Map(entries.map((e) => [e.name, e]));
    const pluginJson = JSON.parse(byName.get(`${ID}/plugin.json`)!.data.toString('utf8'));
    expect(pluginJson.id).toBe('gnocchixyz-gnocchi-datasource');
    expect(pluginJson.info.version).toBe(version);
    // Every file is the one of dist/, byte for byte.
    for (const e of entries.filter((x) => !x.name.endsWith('/'))) {
      expect(e.data.equals(readFileSync(join(dist, e.name.slice(ID.length + 1))))).toBe(true);
    }
    // Unix modes kept: folders are directories, files regular files.
    expect(byName.get(`${ID}/`)!.mode & 0o170000).toBe(0o040000);
    expect(byName.get(`${ID}/img/`)!.mode & 0o170000).toBe(0o040000);
    expect(byName.get(`${ID}/module.js`)!.mode & 0o170000).toBe(0o100000);
  });

  it('keeps a backend binary executable and includes MANIFEST.txt of a signed build', () => {
    writeFileSync(join(dist, 'MANIFEST.txt'), 'signed\n');
    writeFileSync(join(dist, 'gpx_gnocchi_linux_amd64'), 'binary');
    chmodSync(join(dist, 'gpx_gnocchi_linux_amd64'), 0o755);
    chmodSync(join(dist, 'module.js'), 0o644);
    expect(run(dist, out).status).toBe(0);
    const byName = new Map(readZip(readFileSync(join(out, ARCHIVE))).map((e) => [e.name, e]));
    expect(byName.get(`${ID}/MANIFEST.txt`)!.data.toString()).toBe('signed\n');
    expect(byName.get(`${ID}/gpx_gnocchi_linux_amd64`)!.mode & 0o777).toBe(0o755);
    expect(byName.get(`${ID}/module.js`)!.mode & 0o777).toBe(0o644);
  });

  it('replaces an earlier archive of the same version and leaves no temporary file', () => {
    expect(run(dist, out).status).toBe(0);
    writeFileSync(join(dist, 'module.js'), 'define([], function () { return { v: 2 }; });\n');
    expect(run(dist, out).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([ARCHIVE, `${ARCHIVE}.sha1`]);
    const mod = readZip(readFileSync(join(out, ARCHIVE))).find((e) => e.name === `${ID}/module.js`)!;
    expect(mod.data.toString()).toContain('v: 2');
  });

  it.each([
    ['no dist/', (d: string) => rmSync(d, { recursive: true }), /dist is not a directory: run `npm run build` first/],
    [
      'no plugin.json',
      (d: string) => rmSync(join(d, 'plugin.json')),
      /plugin\.json is missing: run `npm run build` first/,
    ],
    ['no module.js', (d: string) => rmSync(join(d, 'module.js')), /module\.js is missing: run `npm run build` first/],
    ['broken plugin.json', (d: string) => writeFileSync(join(d, 'plugin.json'), '{'), /plugin\.json is not valid JSON/],
    [
      'the unbuilt plugin.json',
      (d: string) => copyFileSync(join(root, 'src/plugin.json'), join(d, 'plugin.json')),
      /"info\.version" "%VERSION%" is not a version \(is this the built plugin\.json\?\)/,
    ],
    [
      'an id that is not a plugin id',
      (d: string) => writeFileSync(join(d, 'plugin.json'), JSON.stringify({ id: '../x', info: { version: '1' } })),
      /"id" "\.\.\/x" is not a Grafana plugin id/,
    ],
  ])('%s: exit 1 with a readable message, no archive', (_what, breakDist, message) => {
    breakDist(dist);
    const r = run(dist, out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^package: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(() => readdirSync(out)).toThrow();
  });
});
