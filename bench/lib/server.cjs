/**
 * A stand-in Gnocchi for the bench, in its own process (its CPU time is not the plugin's): answers
 * every request on 127.0.0.1 (random port) with one of the bodies it was given, chosen by the first
 * path segment (`/<name>/v1/aggregates` → body `<name>`), as Gnocchi would (200, application/json).
 *
 *   const server = await startServer({ big: '/tmp/big.json', ... });  // files written by the caller
 *   server.url('big')  →  'http://127.0.0.1:<port>/big';  server.requests();  await server.stop();
 */
const path = require('node:path');
const { fork } = require('node:child_process');

if (require.main === module) {
  // the child: read the bodies once, then serve them
  const fs = require('node:fs');
  const http = require('node:http');
  const bodies = new Map(Object.entries(JSON.parse(process.argv[2])).map(([k, f]) => [k, fs.readFileSync(f)]));
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      const body = bodies.get(req.url.split('/')[1]);
      if (!body) {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"description": "no such body"}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length }).end(body);
    });
  });
  // The client's event loop is busy for seconds on a loaded machine (parsing, frames): a socket the
  // server closed after the default 5 s would be reused by the client and fail ("other side closed").
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 130_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('message', (m) => {
    if (m === 'requests') {
      process.send({ requests });
    }
  });
  process.on('disconnect', () => process.exit(0));
} else {
  module.exports.startServer = function startServer(files) {
    const child = fork(__filename, [JSON.stringify(files)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const next = () =>
      new Promise((resolve, reject) => {
        child.once('message', resolve);
        child.once('exit', (code) => reject(new Error(`bench: the stand-in server exited (${code})`)));
      });
    return next().then(({ port }) => ({
      url: (name) => `http://127.0.0.1:${port}/${name}`,
      requests: async () => {
        child.send('requests');
        return (await next()).requests;
      },
      stop: () =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.disconnect();
        }),
    }));
  };
}
