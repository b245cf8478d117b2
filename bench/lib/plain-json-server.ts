// The yardstick of bench:http: the least a Node web server can do per request, a plain node:http
// server answering a small JSON body, as many processes (node:cluster) as the server under test.
//   node bench/lib/plain-json-server.ts <port> <processes>
import cluster from 'node:cluster';
import { createServer } from 'node:http';

const [port, processes] = process.argv.slice(2).map(Number) as [number, number];
if (cluster.isPrimary && processes > 1) {
  for (let i = 0; i < processes; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const body = JSON.stringify({ ok: true, at: 'plain node:http' });
  createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  }).listen(port, '127.0.0.1');
}
