import { afterEach, describe, expect, it, vi } from 'vitest';
import { Batcher, batchersBy } from '@/lib/batcher';

/** A batch function whose calls the test answers by hand. */
function manual() {
  const calls: { items: number[]; answer: (out: number[]) => void; fail: (err: unknown) => void }[] = [];
  const run = (items: number[]) => new Promise<number[]>((answer, fail) => calls.push({ items, answer, fail }));
  return { calls, run };
}

describe('Batcher', () => {
  it('sends the first item alone at once, and what arrives meanwhile together in the next call', async () => {
    const { calls, run } = manual();
    const b = new Batcher(run, { maxBatch: 10 });
    const first = b.submit(1);
    const rest = [b.submit(2), b.submit(3), b.submit(4)];
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    calls[0]!.answer([10]);
    expect(await first).toBe(10);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1]!.answer([20, 30, 40]);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('never puts more than maxBatch items in one call, and keeps their order', async () => {
    const { calls, run } = manual();
    const b = new Batcher(run, { maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((i) => b.submit(i));
    calls[0]!.answer([1]);
    await all[0];
    calls[1]!.answer([2, 3]);
    await all[2];
    calls[2]!.answer([4, 5]);
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5]);
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('keeps at most maxParallel calls out', async () => {
    const { calls, run } = manual();
    const b = new Batcher(run, { maxBatch: 10, maxParallel: 2 });
    const all = [1, 2, 3, 4].map((i) => b.submit(i));
    expect(calls.map((c) => c.items)).toEqual([[1], [2]]);
    calls[1]!.answer([2]);
    await all[1];
    expect(calls.map((c) => c.items)).toEqual([[1], [2], [3, 4]]);
    calls[2]!.answer([3, 4]);
    calls[0]!.answer([1]);
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4]);
  });

  it('sends the next call before the waiters of the last one go on with their own work', async () => {
    const { calls, run } = manual();
    const b = new Batcher(run, { maxBatch: 10 });
    const first = b.submit(1).then(() => calls.length);
    void b.submit(2);
    expect(calls.length).toBe(1);
    calls[0]!.answer([1]);
    expect(await first).toBe(2);
  });

  it('rejects every item of a failed call, and the next call still goes', async () => {
    const { calls, run } = manual();
    const b = new Batcher(run, { maxBatch: 10 });
    const first = b.submit(1);
    const second = [b.submit(2), b.submit(3)];
    calls[0]!.fail(new Error('Redis went away'));
    await expect(first).rejects.toThrow('Redis went away');
    calls[1]!.answer([2, 3]);
    expect(await Promise.all(second)).toEqual([2, 3]);
  });

  it('rejects a call that throws before returning a promise, and one that answers the wrong number of items', async () => {
    const throwing = new Batcher<number, number>(
      () => {
        throw new Error('bad arguments');
      },
      { maxBatch: 10 },
    );
    await expect(throwing.submit(1)).rejects.toThrow('bad arguments');
    const short = new Batcher<number, number>(async () => [1], { maxBatch: 10 });
    const a = short.submit(1);
    await expect(Promise.all([short.submit(2), short.submit(3)])).rejects.toThrow('a batch of 2 got 1 answers');
    expect(await a).toBe(1);
  });

  it('says when it is idle, so its owner may drop it', async () => {
    let idle = 0;
    const b = new Batcher<number, number>(async (items) => items, { maxBatch: 10, onIdle: () => idle++ });
    await Promise.all([b.submit(1), b.submit(2)]);
    await new Promise((r) => setTimeout(r, 0));
    expect(idle).toBe(1);
  });

  it('batchersBy keeps one batcher per owner and key while it works, and drops it once idle', async () => {
    const made: string[] = [];
    const batcher = batchersBy<object, number, number>({ maxBatch: 10 }, (_owner, key) => {
      made.push(key);
      return async (items) => items.map((i) => i * 2);
    });
    const a = {};
    const b = {};
    const working = batcher(a, 'x');
    const pending = working.submit(1);
    expect(batcher(a, 'x')).toBe(working);
    expect(batcher(a, 'y')).not.toBe(working);
    expect(batcher(b, 'x')).not.toBe(working);
    expect(await pending).toBe(2);
    await new Promise((r) => setTimeout(r, 0));
    expect(batcher(a, 'x')).not.toBe(working);
    expect(made).toEqual(['x', 'y', 'x', 'x']);
  });

  describe('with linger', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('sends the first item after a quiet spell at once, then lets a small batch wait for company', async () => {
      vi.useFakeTimers();
      const { calls, run } = manual();
      const b = new Batcher(run, { maxBatch: 10, linger: { ms: 5, items: 4 } });
      const first = b.submit(1);
      expect(calls.map((c) => c.items)).toEqual([[1]]);
      const second = b.submit(2);
      calls[0]!.answer([10]);
      await first;
      // One waits, fewer than 4: it lingers instead of going alone.
      expect(calls.length).toBe(1);
      const third = b.submit(3);
      await vi.advanceTimersByTimeAsync(4);
      expect(calls.length).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls.map((c) => c.items)).toEqual([[1], [2, 3]]);
      calls[1]!.answer([20, 30]);
      expect(await Promise.all([second, third])).toEqual([20, 30]);
    });

    it('stops lingering as soon as enough items wait', async () => {
      vi.useFakeTimers();
      const { calls, run } = manual();
      const b = new Batcher(run, { maxBatch: 10, linger: { ms: 1_000, items: 3 } });
      const first = b.submit(1);
      b.submit(2);
      calls[0]!.answer([10]);
      await first;
      expect(calls.length).toBe(1);
      b.submit(3);
      expect(calls.length).toBe(1);
      b.submit(4);
      expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    });

    it('never lingers when a batch comes back to a full queue or to none', async () => {
      vi.useFakeTimers();
      const { calls, run } = manual();
      const b = new Batcher(run, { maxBatch: 10, linger: { ms: 1_000, items: 2 } });
      const first = b.submit(1);
      const rest = [b.submit(2), b.submit(3)];
      calls[0]!.answer([10]);
      await first;
      expect(calls.map((c) => c.items)).toEqual([[1], [2, 3]]);
      calls[1]!.answer([20, 30]);
      await Promise.all(rest);
      const later = b.submit(4);
      expect(calls.map((c) => c.items)).toEqual([[1], [2, 3], [4]]);
      calls[2]!.answer([40]);
      expect(await later).toBe(40);
    });
  });
});
