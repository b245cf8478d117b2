// The play page's views are counted in memory and written in batches (lib/stats/page-views.ts).
// While the link to PostgreSQL is stalled a view still answers at once, and when the link drops
// under a batch in flight the batch's counts wait for the next write instead of vanishing.
import { afterAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../helpers/tcp-proxy';

const shared = new URL(process.env.DATABASE_URL!);
const proxy = await TcpProxy.start({ host: shared.hostname, port: Number(shared.port || 5432) });
// lib/config reads the environment once, at the first import below.
const viaProxy = new URL(shared);
viaProxy.host = `127.0.0.1:${proxy.port}`;
process.env.DATABASE_URL = viaProxy.toString();
const { liveActivity } = await import('../../helpers/activities');
const { countPageView, flushPageViews } = await import('@/lib/stats/page-views');
const { db } = await import('@/lib/db');

afterAll(() => proxy.close());

const VIEWS = 200;

describe('page views over a stalled, then dropped, PostgreSQL link', () => {
  it('counts views without waiting on the link and writes every one once it is back', async () => {
    const { tenant, activity } = await liveActivity((p) => [
      { probability: 0.1, stock: 5, prizes: [{ prizeId: p[0]! }] },
    ]);
    // The first view reads the activity once; later views of it need no read.
    await countPageView(tenant.id, activity.id);
    await flushPageViews();

    proxy.stall();
    let resumed = false;
    try {
      const counted = await Promise.all(
        Array.from({ length: VIEWS }, () => countPageView(tenant.id, activity.id).then(() => resumed)),
      );
      expect(
        counted.every((afterResume) => !afterResume),
        'views answered while the link was stalled',
      ).toBe(true);
      const write = flushPageViews();
      // The batch's statement is held by the stall; dropping the link fails it before PostgreSQL sees it.
      await new Promise((r) => setTimeout(r, 200));
      proxy.dropAll();
      await write;
    } finally {
      resumed = true;
      proxy.resume();
    }

    // A pooled connection the drop cut fails its next statement too: the counts wait again, and
    // go in with a later write.
    let stored = 0;
    for (let attempt = 0; attempt < 10 && stored !== 1 + VIEWS; attempt++) {
      await flushPageViews();
      stored = await db.activity
        .findUniqueOrThrow({ where: { id: activity.id }, select: { pageViews: true } })
        .then((row) => row.pageViews)
        .catch(() => stored);
    }
    expect(stored).toBe(1 + VIEWS);
  });
});
