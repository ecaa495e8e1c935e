/**
 * Peak memory of one operation, in a fresh process (`node --trace-gc --expose-gc`): the V8 heap's
 * high-water mark (the heap size right before each garbage collection, and at the end) and the
 * process's peak resident memory, each minus what the process held before the operation.
 *
 *   peakMemory({ mode: 'query', url, query, window })  one panel query through the plugin
 *   peakMemory({ mode: 'parse', file })                 the body's bytes → text → JSON.parse
 * resolves to { heapBytes, rssBytes }.
 */
const { execFile } = require('node:child_process');

const GC_LINE = /(?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Sweep)[^\d]*([\d.]+) \(([\d.]+)\) ->/;
const MB = 1024 * 1024;

if (require.main === module) {
  (async () => {
    const job = JSON.parse(process.argv[2]);
    let run;
    if (job.mode === 'query') {
      const plugin = require('./plugin.cjs');
      const ds = plugin.createDatasource(job.settings);
      await ds.connect();
      run = () => ds.query(job.query, job.window, { lookups: undefined }); // as in cases/query.cjs
    } else {
      const bytes = require('node:fs').readFileSync(job.file);
      run = () => JSON.parse(bytes.toString('utf8'));
    }
    global.gc();
    const before = process.memoryUsage();
    console.log('@@before');
    const result = await run();
    const after = process.memoryUsage();
    console.log(
      '@@result ' + JSON.stringify({ before, after, maxRssKb: process.resourceUsage().maxRSS, n: result.length })
    );
  })().catch((e) => {
    console.error(e.stack || String(e));
    process.exit(1);
  });
} else {
  module.exports.peakMemory = function peakMemory(job) {
    return new Promise((resolve, reject) => {
      execFile(
        process.execPath,
        ['--trace-gc', '--expose-gc', __filename, JSON.stringify(job)],
        { maxBuffer: 64 * MB },
        (err, stdout, stderr) => {
          if (err) {
            reject(
              new Error(`bench: peak memory (${job.mode}) failed: ${stderr.trim().split('\n').pop() || err.message}`)
            );
            return;
          }
          // V8's --trace-gc lines interleave with ours, also after the result: find it by its marker
          const lines = stdout.trim().split('\n');
          const resultLine = lines.findIndex((l) => l.includes('@@result '));
          if (resultLine < 0) {
            reject(new Error(`bench: peak memory (${job.mode}) printed no result`));
            return;
          }
          const text = lines[resultLine];
          const last = JSON.parse(text.slice(text.indexOf('@@result ') + '@@result '.length));
          let peak = last.after.heapUsed;
          for (const line of lines.slice(lines.indexOf('@@before') + 1, resultLine)) {
            const m = GC_LINE.exec(line);
            if (m) {
              peak = Math.max(peak, Number(m[1]) * MB);
            }
          }
          resolve({
            heapBytes: Math.round(peak - last.before.heapUsed),
            rssBytes: Math.round(last.maxRssKb * 1024 - last.before.rss),
            n: last.n,
          });
        }
      );
    });
  };
}
