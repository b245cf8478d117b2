// A TCP proxy for fault tests, between the app and Redis or PostgreSQL on 127.0.0.1: on command
// it adds latency to every chunk, stalls (holds every byte, both ways, until resumed) or drops
// every connection. Bytes always arrive whole and in order; only when they arrive changes.
import { once } from 'node:events';
import net from 'node:net';

/** One direction of one connection: chunks wait here until their time, then go out in order. */
class Pipe {
  private queue: { at: number; chunk: Buffer }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly proxy: TcpProxy,
    private readonly to: net.Socket,
  ) {}

  push(chunk: Buffer) {
    this.queue.push({ at: Date.now() + this.proxy.latencyMs, chunk });
    this.pump();
  }

  pump() {
    if (this.timer) return;
    while (this.queue.length > 0 && !this.proxy.stalled) {
      const wait = this.queue[0]!.at - Date.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      if (!this.to.destroyed) this.to.write(this.queue.shift()!.chunk);
      else this.queue.length = 0;
    }
  }

  clear() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }
}

type Link = { client: net.Socket; upstream: net.Socket; pipes: Pipe[] };

export class TcpProxy {
  latencyMs = 0;
  stalled = false;
  /** Connections accepted since the start, and those open now. */
  accepted = 0;
  private readonly links = new Set<Link>();

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  /** Listens on 127.0.0.1 (`port`, or one the OS picks) and forwards to `target`. */
  static async start(target: { host?: string; port: number }, port = 0): Promise<TcpProxy> {
    const server = net.createServer({ noDelay: true });
    const proxy = new TcpProxy(server, { host: target.host ?? '127.0.0.1', port: target.port });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get open(): number {
    return this.links.size;
  }

  /** Every chunk from now on, either way, arrives `ms` later. */
  setLatency(ms: number) {
    this.latencyMs = ms;
  }

  /** Holds every byte, either way, until resume(); connections stay open and new ones are accepted. */
  stall() {
    this.stalled = true;
  }

  /** Lets the held bytes go, in order. */
  resume() {
    this.stalled = false;
    for (const link of this.links) for (const pipe of link.pipes) pipe.pump();
  }

  /** Resets every open connection (both sides see it drop); bytes still held are lost. New ones are accepted. */
  dropAll() {
    for (const link of [...this.links]) this.drop(link);
  }

  async close() {
    this.dropAll();
    this.server.close();
    await once(this.server, 'close');
  }

  private accept(client: net.Socket) {
    this.accepted++;
    const upstream = net.connect({ ...this.target, noDelay: true });
    const link: Link = { client, upstream, pipes: [new Pipe(this, upstream), new Pipe(this, client)] };
    this.links.add(link);
    const [toUpstream, toClient] = link.pipes as [Pipe, Pipe];
    client.on('data', (chunk: Buffer) => toUpstream.push(chunk));
    upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
    // Either side closing or failing ends the link: the other side is reset too.
    for (const socket of [client, upstream]) {
      socket.on('error', () => this.drop(link));
      socket.on('close', () => this.drop(link));
    }
  }

  private drop(link: Link) {
    if (!this.links.delete(link)) return;
    for (const pipe of link.pipes) pipe.clear();
    link.client.resetAndDestroy();
    link.upstream.resetAndDestroy();
  }
}
