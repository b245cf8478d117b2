import { describe, expect, it } from 'vitest';
import { secondsByGroup, type ProcessTable } from '@/bench/lib/harness';

const row = (ppid: number, comm: string, seconds: number, childSeconds = 0) => ({ ppid, comm, seconds, childSeconds });
const byComm = (_pid: number, p: { comm: string }) => (p.comm === 'init' ? null : p.comm);

describe("the benches' CPU per process group", () => {
  it('keeps the time of a process that exited between two readings, through its parent', () => {
    // The postmaster (10) with two backends; backend 12 then exits and is reaped.
    const before: ProcessTable = new Map([
      [1, row(0, 'init', 100)],
      [10, row(1, 'postgres', 5, 2)],
      [11, row(10, 'postgres', 30)],
      [12, row(10, 'postgres', 40)],
    ]);
    const after: ProcessTable = new Map([
      [1, row(0, 'init', 100, 0)],
      [10, row(1, 'postgres', 5, 2 + 41)],
      [11, row(10, 'postgres', 31)],
    ]);
    const [then, now] = [secondsByGroup(before, byComm), secondsByGroup(after, byComm)];
    expect(then).toEqual({ postgres: 77 });
    expect(now.postgres! - then.postgres!).toBe(2);
  });

  it("keeps a member's own reaped children when the member exits in turn", () => {
    // A web worker (21) reaped a child of its own (4 s), then exits and is reaped by the primary (20).
    const before: ProcessTable = new Map([
      [20, row(1, 'node', 3, 7)],
      [21, row(20, 'node', 10, 4)],
      [30, row(1, 'redis-server', 9)],
    ]);
    const after: ProcessTable = new Map([
      [20, row(1, 'node', 3, 7 + 10 + 4)],
      [30, row(1, 'redis-server', 9)],
    ]);
    expect(secondsByGroup(before, byComm)).toEqual({ node: 24, 'redis-server': 9 });
    expect(secondsByGroup(after, byComm)).toEqual({ node: 24, 'redis-server': 9 });
  });
});
