import { describe, expect, it } from 'vitest';
import { createPlayPageCache, playPagePath, type UpstreamPage } from '@/lib/h5/page-cache';

const ID = '0b6f1c2e-7d3a-4c1b-9e8f-2a4b6c8d0e1f';
const OTHER_ID = '5d1e9a7c-3b2f-4e6d-8a0c-1f3e5a7c9b2d';
const UPSTREAM = 'http://upstream.test';

function get(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return { method, url, headers };
}

function page(body: string, status = 200, headers: Record<string, string> = {}): UpstreamPage {
  return {
    status,
    headers: new Headers({ 'content-type': 'text/html; charset=utf-8', ...headers }),
    body: Buffer.from(body),
  };
}

/** A cache on a clock the test moves, over a fetcher that counts and can be held open. */
function setUp(
  respond: (url: string, n: number) => UpstreamPage | Promise<UpstreamPage> = (url, n) => page(`${url} #${n}`),
  limits: { maxEntries?: number } = {},
) {
  const clock = { nowMs: 0 };
  const fetched: string[] = [];
  const cache = createPlayPageCache({
    upstream: UPSTREAM,
    now: () => clock.nowMs,
    fetchPage: async (url) => {
      fetched.push(url);
      return respond(url, fetched.length);
    },
    ...limits,
  });
  const ask = async (req: ReturnType<typeof get>) => {
    const answer = await cache.answer(req, playPagePath(req)!);
    return answer && { ...answer, text: answer.body.toString(), state: answer.headers['x-play-cache'] };
  };
  return { cache, clock, fetched, ask };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('playPagePath', () => {
  it('maps /play/{uuid} to the path proxy.ts rewrites to, with the locale proxy.ts picks', () => {
    expect(playPagePath(get(`/play/${ID}`))).toBe(`/play/${ID}/en`);
    expect(playPagePath(get(`/play/${ID}`, {}, 'HEAD'))).toBe(`/play/${ID}/en`);
  });

  it('keeps one copy per activity however its id is spelled', () => {
    expect(playPagePath(get(`/play/${ID.toUpperCase()}`))).toBe(`/play/${ID.toLowerCase()}/en`);
  });

  it('takes the lang cookie over Accept-Language, so the two give different keys', () => {
    const byHeader = playPagePath(get(`/play/${ID}`, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' }));
    const byCookie = playPagePath(
      get(`/play/${ID}`, { 'accept-language': 'zh-CN,zh;q=0.9', cookie: 'theme=dark; lang=en' }),
    );
    expect(byHeader).toBe(`/play/${ID}/zh-CN`);
    expect(byCookie).toBe(`/play/${ID}/en`);
    expect(playPagePath(get(`/play/${ID}`, { cookie: 'lang=zh-CN' }))).toBe(`/play/${ID}/zh-CN`);
    // As Next's cookie parser: the last lang cookie wins; an unknown value falls back to the header.
    expect(playPagePath(get(`/play/${ID}`, { cookie: 'lang=en; lang=zh-CN' }))).toBe(`/play/${ID}/zh-CN`);
    expect(playPagePath(get(`/play/${ID}`, { cookie: 'lang=fr', 'accept-language': 'zh' }))).toBe(`/play/${ID}/zh-CN`);
    // A shared link's tracking parameters do not make another page.
    expect(playPagePath(get(`/play/${ID}?utm_source=share&from=feed`))).toBe(`/play/${ID}/en`);
  });

  it('leaves every other request to Next', () => {
    for (const url of [
      `/play/${ID}/rules`,
      `/play/${ID}/en`,
      `/play/${ID}/`,
      `/play/${ID}/?x=1`,
      '/play/not-a-uuid',
      `/api/v1/activities/${ID}`,
      `/x/play/${ID}`,
      '/',
    ]) {
      expect(playPagePath(get(url)), url).toBeNull();
    }
    expect(playPagePath(get(`/play/${ID}`, {}, 'POST'))).toBeNull();
    expect(playPagePath(get(`/play/${ID}`, { rsc: '1' }))).toBeNull();
  });
});

describe('play page cache', () => {
  it("keeps a copy as long as the page's s-maxage says, when it says", async () => {
    const { clock, ask } = setUp((url, n) =>
      page(`${url} #${n}`, 200, { 'cache-control': 'public, max-age=0, s-maxage=2' }),
    );
    expect((await ask(get(`/play/${ID}`)))?.state).toBe('miss');
    clock.nowMs = 1_999;
    expect((await ask(get(`/play/${ID}`)))?.state).toBe('hit');
    clock.nowMs = 2_000;
    expect((await ask(get(`/play/${ID}`)))?.state).toBe('stale');
  });

  it('fills on a miss, then serves the same copy while fresh and fetches again once it is stale', async () => {
    const { clock, fetched, ask } = setUp();
    const first = await ask(get(`/play/${ID}`));
    expect(first).toMatchObject({ status: 200, state: 'miss', text: `${UPSTREAM}/play/${ID}/en #1` });
    clock.nowMs = 4_999;
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ state: 'hit', text: `${UPSTREAM}/play/${ID}/en #1` });
    expect(fetched).toHaveLength(1);
    clock.nowMs = 5_000;
    // Stale: still the old copy, refreshed behind it.
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ state: 'stale', text: `${UPSTREAM}/play/${ID}/en #1` });
    await new Promise((r) => setImmediate(r));
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ state: 'hit', text: `${UPSTREAM}/play/${ID}/en #2` });
    expect(fetched).toHaveLength(2);
  });

  it('fills 200 concurrent misses with one fetch', async () => {
    const held = deferred<UpstreamPage>();
    const { fetched, ask } = setUp(() => held.promise);
    const answers = Array.from({ length: 200 }, () => ask(get(`/play/${ID}`)));
    await new Promise((r) => setImmediate(r));
    held.resolve(page('shell'));
    const all = await Promise.all(answers);
    expect(fetched).toHaveLength(1);
    expect(new Set(all.map((a) => `${a?.state} ${a?.text}`))).toEqual(new Set(['miss shell']));
  });

  it('serves the stale copy to everyone while one refresh is in flight, then the new one', async () => {
    const refresh = deferred<UpstreamPage>();
    const { clock, fetched, ask } = setUp((_url, n) => (n === 1 ? page('old') : refresh.promise));
    await ask(get(`/play/${ID}`));
    clock.nowMs = 30_000;
    const during = await Promise.all(Array.from({ length: 20 }, () => ask(get(`/play/${ID}`))));
    expect(during.every((a) => a?.state === 'stale' && a.text === 'old')).toBe(true);
    expect(fetched).toHaveLength(2);
    refresh.resolve(page('new'));
    await new Promise((r) => setImmediate(r));
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ state: 'hit', text: 'new' });
  });

  it('waits for a new copy once the old one is a minute old', async () => {
    const { clock, ask } = setUp();
    await ask(get(`/play/${ID}`));
    clock.nowMs = 60_000;
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ state: 'miss', text: `${UPSTREAM}/play/${ID}/en #2` });
  });

  it('passes a 404 or 500 on without keeping it', async () => {
    const { fetched, ask } = setUp((_url, n) => page(n === 1 ? 'not found' : 'boom', n === 1 ? 404 : 500));
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ status: 404, state: 'miss', text: 'not found' });
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ status: 500, state: 'miss', text: 'boom' });
    expect(fetched).toHaveLength(2);
  });

  it('drops a cached page whose refresh is no longer a 200', async () => {
    const { clock, cache, ask } = setUp((_url, n) => (n === 1 ? page('live') : page('gone', 404)));
    await ask(get(`/play/${ID}`));
    clock.nowMs = 6_000;
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ state: 'stale', text: 'live' });
    await new Promise((r) => setImmediate(r));
    expect(cache.size).toBe(0);
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ status: 404, text: 'gone' });
  });

  it('never shares a response that sets a cookie', async () => {
    const { fetched, ask } = setUp(() => page('mine', 200, { 'set-cookie': 'sid=1' }));
    expect((await ask(get(`/play/${ID}`)))?.headers['set-cookie']).toEqual(['sid=1']);
    await ask(get(`/play/${ID}`));
    expect(fetched).toHaveLength(2);
  });

  it('answers null when the fill fails, so Next answers the request', async () => {
    const { ask } = setUp(() => Promise.reject(new Error('connect ECONNREFUSED')));
    expect(await ask(get(`/play/${ID}`))).toBeNull();
  });

  it('keeps serving the stale copy when its refresh fails', async () => {
    const { clock, ask } = setUp((_url, n) => (n === 1 ? page('old') : Promise.reject(new Error('timeout'))));
    await ask(get(`/play/${ID}`));
    clock.nowMs = 10_000;
    await ask(get(`/play/${ID}`));
    await new Promise((r) => setImmediate(r));
    expect(await ask(get(`/play/${ID}`))).toMatchObject({ state: 'stale', text: 'old' });
  });

  it('keeps one copy per activity and locale', async () => {
    const { fetched, ask } = setUp();
    await ask(get(`/play/${ID}`, { 'accept-language': 'zh-CN' }));
    await ask(get(`/play/${ID}`, { cookie: 'lang=en' }));
    await ask(get(`/play/${OTHER_ID}`));
    expect(await ask(get(`/play/${ID}`, { cookie: 'lang=zh-CN' }))).toMatchObject({
      state: 'hit',
      text: `${UPSTREAM}/play/${ID}/zh-CN #1`,
    });
    expect(fetched).toEqual([
      `${UPSTREAM}/play/${ID}/zh-CN`,
      `${UPSTREAM}/play/${ID}/en`,
      `${UPSTREAM}/play/${OTHER_ID}/en`,
    ]);
  });

  it('holds at most maxEntries pages, evicting the oldest', async () => {
    const { cache, fetched, ask } = setUp(undefined, { maxEntries: 2 });
    await ask(get(`/play/${ID}`, { cookie: 'lang=en' }));
    await ask(get(`/play/${ID}`, { cookie: 'lang=zh-CN' }));
    await ask(get(`/play/${OTHER_ID}`));
    expect(cache.size).toBe(2);
    expect((await ask(get(`/play/${ID}`, { cookie: 'lang=zh-CN' })))?.state).toBe('hit');
    expect((await ask(get(`/play/${ID}`, { cookie: 'lang=en' })))?.state).toBe('miss');
    expect(fetched).toHaveLength(4);
  });

  it('keeps the headers that describe the page, says Vary on the language, and drops Next’s own', async () => {
    const { ask } = setUp(() =>
      page('<html></html>', 200, {
        'cache-control': 's-maxage=5, stale-while-revalidate=31535995',
        vary: 'rsc, Accept-Encoding',
        link: '</a.css>; rel=preload; as=style',
        etag: '"abc"',
        'x-nextjs-cache': 'HIT',
        'content-length': '13',
      }),
    );
    const { headers } = (await ask(get(`/play/${ID}`)))!;
    expect(headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 's-maxage=5, stale-while-revalidate=31535995',
      vary: 'rsc, Accept-Encoding, Accept-Language, Cookie',
      link: '</a.css>; rel=preload; as=style',
      'content-length': 13,
      'x-play-cache': 'miss',
    });
  });

  it('sends gzip to clients that accept it and headers alone to HEAD', async () => {
    const { ask } = setUp(() => page('x'.repeat(1_000)));
    const zipped = (await ask(get(`/play/${ID}`, { 'accept-encoding': 'gzip, deflate, br' })))!;
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.byteLength).toBeLessThan(1_000);
    expect(zipped.headers['content-length']).toBe(zipped.body.byteLength);
    expect(
      (await ask(get(`/play/${ID}`, { 'accept-encoding': 'gzip;q=0' })))?.headers['content-encoding'],
    ).toBeUndefined();
    const head = (await ask(get(`/play/${ID}`, {}, 'HEAD')))!;
    expect(head).toMatchObject({ status: 200, state: 'hit', text: '' });
    expect(head.headers['content-length']).toBe(1_000);
  });
});
