import { describe, expect, it } from 'vitest';
import { boundedConcurrency } from '@/lib/auth/bounded-concurrency';
import { passwordHashing, verifyPassword } from '@/lib/auth/password';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('boundedConcurrency', () => {
  it('runs at most `max` at once, queues `maxWaiting`, refuses the rest at once with RATE_LIMITED', async () => {
    const slots = boundedConcurrency({ max: 2, maxWaiting: 1, busyMessage: 'busy' });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const calls = gates.map((g, i) => slots.run(async () => (started.push(i), await g.promise, i)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([slots.running, slots.waiting]).toEqual([2, 1]);
    await expect(slots.run(async () => 'never')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      headers: { 'retry-after': '1' },
    });

    gates[0]!.resolve();
    expect(await calls[0]).toBe(0);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect([slots.running, slots.waiting]).toEqual([2, 0]);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(calls)).toEqual([0, 1, 2]);
    expect([slots.running, slots.waiting]).toEqual([0, 0]);
  });

  it('frees the slot when the call fails', async () => {
    const slots = boundedConcurrency({ max: 1, maxWaiting: 0, busyMessage: 'busy' });
    await expect(
      slots.run(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});

describe('password hashing under a flood', () => {
  it('checks two passwords at once, lets eight wait, and refuses the rest without hashing them', async () => {
    const stored = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA$' + 'A'.repeat(43);
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, () => verifyPassword('guess', stored)));
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    expect(refused).toHaveLength(20);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'RATE_LIMITED' });
    expect([passwordHashing.running, passwordHashing.waiting]).toEqual([0, 0]);
  });
});
