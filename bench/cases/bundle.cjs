/** Bytes: dist/module.js ≤ 60 KB gzip (level 9). Needs `npm run build`. */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const MAX_KB = 60;

/** Newest modification time under dir (ms), to warn when dist/ is older than src/. */
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

module.exports = {
  id: 'bundle',
  async run({ results, root, log }) {
    const file = path.join(root, 'dist/module.js');
    const name = 'dist/module.js gzip';
    const limit = `≤ ${MAX_KB} KB`;
    if (!fs.existsSync(file)) {
      results.notMeasured({
        id: 'bundle.gzip',
        name,
        kind: 'count',
        limit,
        reason: 'dist/module.js not built (npm run build)',
        required: true,
      });
      return;
    }
    if (fs.statSync(file).mtimeMs < newest(path.join(root, 'src'))) {
      log('note: dist/module.js is older than src/ (npm run build for a current size)');
    }
    const bytes = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
    results.count({
      id: 'bundle.gzip',
      name,
      value: bytes,
      unit: 'bytes',
      shown: `${(bytes / 1024).toFixed(1)} KB`,
      max: MAX_KB * 1024,
      limit,
    });
  },
};
