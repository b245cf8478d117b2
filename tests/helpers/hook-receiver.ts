// A host app's webhook endpoint for tests: answers every POST 200 and keeps the JSON bodies it
// received, on a free port of 127.0.0.1.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startHookReceiver(): Promise<{ url: string; hooks: { id: string }[]; close(): Promise<void> }> {
  const hooks: { id: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hooks.push(JSON.parse(body) as { id: string });
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    hooks,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
