// A host app's webhook endpoint for tests: keeps the JSON bodies it received (and each request's
// headers and time of arrival), on a free port of 127.0.0.1, and answers each POST with the next
// status of `statuses` (200 once they run out). addWebhookEndpoint subscribes a tenant to it.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { db } from '../../lib/db';
import { webhookEventTypes, type WebhookEventType } from '../../lib/webhooks/event-types';

export type ReceivedHook = { id: string; type?: string; data?: Record<string, unknown> };

export async function startHookReceiver({ statuses = [] as number[] } = {}): Promise<{
  url: string;
  hooks: ReceivedHook[];
  requests: { headers: IncomingHttpHeaders; body: string; at: number }[];
  close(): Promise<void>;
}> {
  const hooks: ReceivedHook[] = [];
  const requests: { headers: IncomingHttpHeaders; body: string; at: number }[] = [];
  const answers = [...statuses];
  answersOf.set(hooks, answers);
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ headers: req.headers, body, at: Date.now() });
      hooks.push(JSON.parse(body) as ReceivedHook);
      res.writeHead(answers.shift() ?? 200).end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    hooks,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const answersOf = new WeakMap<ReceivedHook[], number[]>();

/** From now on the receiver answers `status` (the statuses still queued are dropped). */
export function answerNext(receiver: { hooks: ReceivedHook[] }, status: number) {
  const answers = answersOf.get(receiver.hooks)!;
  answers.length = 0;
  answers.push(...Array(1000).fill(status));
}

/** An enabled endpoint of the tenant at `url`, for every event type unless told; its secret is returned. */
export async function addWebhookEndpoint(
  tenantId: string,
  url: string,
  { events = [...webhookEventTypes], fulfilment = false }: { events?: WebhookEventType[]; fulfilment?: boolean } = {},
) {
  return db.webhookEndpoint.create({
    data: { tenantId, url, events, fulfilment, secret: `test-secret-${tenantId}` },
    select: { id: true, secret: true },
  });
}
