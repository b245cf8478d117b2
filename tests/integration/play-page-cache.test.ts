// The front as server.ts builds it, over real sockets, with a small fake upstream in place of
// Next: the cache fetches /play/{id}/{locale} from it, and anything else goes to `next`.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlayPageCache, withPlayPageCache } from '@/lib/h5/page-cache';

const ID = '0b6f1c2e-7d3a-4c1b-9e8f-2a4b6c8d0e1f';

async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const upstreamPaths: string[] = [];
let renders = 0;
const clock = { nowMs: 0 };
let upstream: Awaited<ReturnType<typeof listen>>;
let front: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  upstream = await listen((req, res) => {
    upstreamPaths.push(req.url!);
    renders += 1;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 's-maxage=5',
      'x-nextjs-cache': 'HIT',
    });
    res.end(`<p>${req.url} render ${renders}</p>`);
  });
  const cache = createPlayPageCache({ upstream: upstream.url, now: () => clock.nowMs });
  front = await listen(
    withPlayPageCache(cache, (req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`next handled ${req.method} ${req.url}`);
    }),
  );
});

afterAll(async () => {
  front.server.closeAllConnections();
  upstream.server.closeAllConnections();
  await Promise.all([new Promise((r) => front.server.close(r)), new Promise((r) => upstream.server.close(r))]);
});

describe('the play page front', () => {
  it('fills from the upstream once, serves hits, and a new body after the copy expires', async () => {
    const first = await fetch(`${front.url}/play/${ID}`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-play-cache')).toBe('miss');
    expect(first.headers.get('vary')).toBe('Accept-Encoding, Accept-Language, Cookie');
    expect(first.headers.get('x-nextjs-cache')).toBeNull();
    const body = await first.text();
    expect(body).toMatch(new RegExp(`^<p>/play/${ID}/zh-CN render \\d+</p>$`));

    const again = await fetch(`${front.url}/play/${ID}`, { headers: { cookie: 'lang=zh-CN' } });
    expect(again.headers.get('x-play-cache')).toBe('hit');
    expect(await again.text()).toBe(body);

    clock.nowMs += 61_000;
    const later = await fetch(`${front.url}/play/${ID}`, { headers: { 'accept-language': 'zh-CN' } });
    expect(later.headers.get('x-play-cache')).toBe('miss');
    expect(await later.text()).not.toBe(body);
    expect(upstreamPaths.filter((p) => p === `/play/${ID}/zh-CN`)).toHaveLength(2);
  });

  it('answers HEAD with the headers alone', async () => {
    const res = await fetch(`${front.url}/play/${ID}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await res.text()).toBe('');
  });

  it('leaves every other request to Next', async () => {
    const before = upstreamPaths.length;
    for (const path of [`/play/${ID}/rules`, '/api/health/live']) {
      const res = await fetch(`${front.url}${path}`);
      expect(res.headers.get('x-play-cache')).toBeNull();
      expect(await res.text()).toBe(`next handled GET ${path}`);
    }
    expect(upstreamPaths.length).toBe(before);
  });

  it('lets Next answer when the fill cannot reach it', async () => {
    const cache = createPlayPageCache({ upstream: 'http://127.0.0.1:1', onFillError: () => {} });
    const cut = await listen(withPlayPageCache(cache, (_req, res) => res.end('next handled it')));
    try {
      const res = await fetch(`${cut.url}/play/${ID}`);
      expect(await res.text()).toBe('next handled it');
    } finally {
      cut.server.closeAllConnections();
      await new Promise((r) => cut.server.close(r));
    }
  });
});
