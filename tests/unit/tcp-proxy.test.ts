// The fault tests' TCP proxy (tests/helpers/tcp-proxy.ts) in front of an echo server.
import { once } from 'node:events';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../helpers/tcp-proxy';

let echo: net.Server;
let proxy: TcpProxy;

beforeAll(async () => {
  echo = net.createServer((s) => s.on('error', () => undefined).pipe(s)).listen(0, '127.0.0.1');
  await once(echo, 'listening');
  proxy = await TcpProxy.start({ port: (echo.address() as net.AddressInfo).port });
});
afterAll(async () => {
  await proxy.close();
  echo.close();
});

async function connect() {
  const socket = net.connect(proxy.port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString()));
  socket.on('error', () => undefined);
  return { socket, received: () => received };
}

/** Waits until `ok` holds, at most `tries` turns of the event loop of 10 ms each. */
async function until(ok: () => boolean, tries = 300) {
  for (let i = 0; i < tries && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  return ok();
}

describe('TcpProxy', () => {
  it('forwards bytes whole and in order, with latency on every chunk', async () => {
    proxy.setLatency(30);
    const c = await connect();
    const sent = Array.from({ length: 50 }, (_, i) => `chunk ${i};`);
    for (const s of sent) c.socket.write(s);
    expect(await until(() => c.received().length === sent.join('').length)).toBe(true);
    expect(c.received()).toBe(sent.join(''));
    proxy.setLatency(0);
    c.socket.destroy();
  });

  it('holds every byte while stalled and lets them go, in order, on resume', async () => {
    const c = await connect();
    proxy.stall();
    c.socket.write('held 1;');
    c.socket.write('held 2;');
    // Nothing comes back through a stalled proxy, however long we look.
    await until(() => c.received().length > 0, 20);
    expect(c.received()).toBe('');
    proxy.resume();
    expect(await until(() => c.received() === 'held 1;held 2;')).toBe(true);
    c.socket.destroy();
  });

  it('drops every open connection on command and accepts new ones after', async () => {
    const a = await connect();
    const b = await connect();
    expect(await until(() => proxy.open === 2)).toBe(true);
    // events.once would reject on the reset's 'error'; 'close' comes after it either way.
    const closed = Promise.all([a, b].map((c) => new Promise((resolve) => c.socket.on('close', resolve))));
    proxy.dropAll();
    await closed;
    expect(proxy.open).toBe(0);
    const c = await connect();
    c.socket.write('again');
    expect(await until(() => c.received() === 'again')).toBe(true);
    c.socket.destroy();
  });
});
