// What bench:crowd and soak share: a crowd of users in one tenant playing three live activities of
// Zipf-shaped popularity, sent as open-loop sessions at a target rate of calls; latency per call
// type; the refusals the API designs told apart from errors; the memory of every process of the
// server and the workers; and the books once the workers have drained. 127.0.0.1 only.
import { randomInt, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  autocannon,
  baseUrl,
  benchUserTokens,
  checked,
  createBenchActivity,
  port,
  processTable,
  runId,
  type BenchActivityOptions,
} from './harness';

/** Answers the API gives by design to a user who asks for more than the rules allow: not errors. */
export const DESIGNED_REFUSALS = new Set([
  'NO_CHANCES',
  'DRAW_LIMIT_REACHED',
  'TASK_CAP_REACHED',
  'RATE_LIMITED',
  'RISK_BLOCKED',
]);

export const CALL_TYPES = ['view', 'me', 'sign_in', 'draw'] as const;
export type CallType = (typeof CALL_TYPES)[number];

/** One session of a user: the play page's calls in order, two draws (the free one, the one sign-in earns). */
const SESSION: CallType[] = ['view', 'me', 'sign_in', 'draw', 'draw'];
export const CALLS_PER_SESSION = SESSION.length;

export type CrowdActivity = { id: string; signInTaskId: string; weight: number };
export type Crowd = { activities: CrowdActivity[]; tokens: string[]; yardstick: { id: string; tokens: string[] } };

/**
 * The tenant, three live activities with popularity 1 : 1/2 : 1/3 (each with a daily sign-in
 * task), `users` user tokens, a yardstick activity (1,000 free draws a day) and 2,000 users of
 * its own: they measure the maxima (draws on the yardstick, the mix on the crowd's activities)
 * without using up the crowd's chances.
 */
export async function createCrowd(users: number, options: BenchActivityOptions): Promise<Crowd> {
  const activities: CrowdActivity[] = [];
  const tenantSlug = `bench-${runId}`;
  for (const k of [1, 2, 3]) {
    const { activity } = await createBenchActivity([0.01, 0.05, 0.2], tenantSlug, { ...options, name: `Crowd ${k}` });
    const signIn = activity.tasks.find((t) => t.kind === 'sign_in');
    if (!signIn) throw new Error('a crowd activity needs a sign-in task');
    activities.push({ id: activity.id, signInTaskId: signIn.id, weight: 1 / k });
  }
  const { tenant, activity: yardstick } = await createBenchActivity([0.01, 0.05, 0.2], tenantSlug);
  const mint = (prefix: string, count: number) => benchUserTokens(tenant, count, prefix, 3 * 3600);
  return {
    activities,
    tokens: await mint('c', users),
    yardstick: { id: yardstick.id, tokens: await mint('y', 2_000) },
  };
}

export type MaxDraws = { perSecond: number; p50Ms: number; p99Ms: number };

/** Draws/s at full load (a closed loop of `connections`) on the yardstick, after a warm-up: the baseline. */
export async function measureMaxDraws(crowd: Crowd, seconds = 6, connections = 100): Promise<MaxDraws> {
  const { id, tokens } = crowd.yardstick;
  let n = 0;
  const burst = (duration: number) =>
    autocannon({
      url: `${baseUrl}/api/v1/activities/${id}/draws`,
      connections,
      duration,
      method: 'POST',
      requests: [
        {
          method: 'POST',
          setupRequest: (req: { headers: Record<string, string> }) => ({
            ...req,
            headers: {
              ...req.headers,
              authorization: `Bearer ${tokens[n++ % tokens.length]}`,
              'idempotency-key': randomUUID(),
            },
          }),
        },
      ],
    });
  await burst(3);
  const r = checked('maximum draws', await burst(seconds));
  return { perSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99 };
}

/** Every answer of a run: when it came (seconds since the run's start), how long it took, what it was. */
export class CallLog {
  readonly doneAt = new Map<CallType, number[]>(CALL_TYPES.map((t) => [t, []]));
  readonly latencyMs = new Map<CallType, number[]>(CALL_TYPES.map((t) => [t, []]));
  /** `<type> <status> <code>` → count, for every answer but a 2xx. */
  readonly outcomes = new Map<string, number>();
  sessionsNotStarted = 0;
  /** Calls sent again because the kept-alive connection they went out on was closed by the server. */
  keepAliveRetries = 0;

  constructor(readonly startedAt = performance.now()) {}

  record(type: CallType, startedAt: number, status: number, code: string) {
    const now = performance.now();
    this.doneAt.get(type)!.push((now - this.startedAt) / 1000);
    this.latencyMs.get(type)!.push(now - startedAt);
    if (status < 200 || status > 299) {
      const key = `${type} ${status} ${code}`;
      this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
    }
  }

  /** Answers of `type` (all types if omitted) completed within [from, to) seconds, and their latencies. */
  window(from: number, to: number, type?: CallType): { count: number; latencies: number[] } {
    const latencies: number[] = [];
    for (const t of type ? [type] : CALL_TYPES) {
      const at = this.doneAt.get(t)!;
      const ms = this.latencyMs.get(t)!;
      for (let i = 0; i < at.length; i++) if (at[i]! >= from && at[i]! < to) latencies.push(ms[i]!);
    }
    return { count: latencies.length, latencies };
  }

  /** Real errors (every non-2xx answer the API does not design as a refusal, every failed call) and refusals. */
  tally(): { errors: number; refusals: number; lines: string[] } {
    let errors = this.sessionsNotStarted;
    let refusals = 0;
    const lines: string[] = [];
    for (const [key, count] of [...this.outcomes].sort()) {
      const designed = DESIGNED_REFUSALS.has(key.split(' ')[2]!);
      if (designed) refusals += count;
      else errors += count;
      lines.push(`${designed ? 'REFUSED' : 'ERROR'} ${key}: ${count}`);
    }
    if (this.sessionsNotStarted)
      lines.push(`ERROR sessions not started (too many in flight): ${this.sessionsNotStarted}`);
    if (this.keepAliveRetries)
      lines.push(`RETRIED calls on a kept-alive connection the server had closed: ${this.keepAliveRetries}`);
    return { errors, refusals, lines };
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const CALL_TIMEOUT_MS = 10_000;

/**
 * The load generator's client: keep-alive connections to the server, at most `sockets` of them;
 * sessions of the users holding `tokens` (by default the crowd's).
 */
export function crowdClient(crowd: Crowd, log: CallLog, { tokens = crowd.tokens, sockets = 200 } = {}) {
  // Idle connections are closed after 4 s, before the server's 5 s keep-alive timeout closes them under a request.
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, timeout: 4_000 });
  const weights = crowd.activities.map((a) => a.weight);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const pickActivity = () => {
    let x = Math.random() * totalWeight;
    for (const a of crowd.activities) if ((x -= a.weight) < 0) return a;
    return crowd.activities.at(-1)!;
  };

  function call(type: CallType, method: string, path: string, headers: Record<string, string>) {
    const started = performance.now();
    const signal = AbortSignal.timeout(CALL_TIMEOUT_MS);
    return new Promise<void>((resolve) => {
      let answered = false;
      const done = (status: number, code: string) => {
        if (answered) return;
        answered = true;
        log.record(type, started, status, code);
        resolve();
      };
      const send = (retry: boolean) => {
        let responded = false;
        const req = request(
          { host: '127.0.0.1', port, method, path, agent, headers: { ...headers, 'content-length': '0' }, signal },
          (res) => {
            responded = true;
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', (err: NodeJS.ErrnoException) => done(0, err.code ?? err.name));
            res.on('end', () => {
              const status = res.statusCode ?? 0;
              let code = '';
              if (status < 200 || status > 299) {
                try {
                  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: string } };
                  code = body.error?.code ?? 'NO_CODE';
                } catch {
                  code = 'NOT_JSON';
                }
              }
              done(status, code);
            });
          },
        );
        req.on('error', (err: NodeJS.ErrnoException) => {
          // A kept-alive connection the server closed as this request went out on it: sent again
          // once on a new one, as Node's documentation advises (request.reusedSocket), and counted.
          if (retry && !responded && req.reusedSocket && err.code === 'ECONNRESET') {
            log.keepAliveRetries++;
            send(false);
          } else done(0, err.code ?? err.name);
        });
        req.end();
      };
      send(true);
    });
  }

  /** One user's session on one activity, picked by popularity. */
  async function session() {
    const a = pickActivity();
    const auth = { authorization: `Bearer ${tokens[randomInt(tokens.length)]}` };
    const base = `/api/v1/activities/${a.id}`;
    for (const type of SESSION) {
      if (type === 'view') await call(type, 'GET', base, auth);
      else if (type === 'me') await call(type, 'GET', `${base}/me`, auth);
      else if (type === 'sign_in') await call(type, 'POST', `${base}/tasks/${a.signInTaskId}/complete`, auth);
      else await call(type, 'POST', `${base}/draws`, { ...auth, 'idempotency-key': randomUUID() });
    }
  }

  return { session, close: () => agent.destroy() };
}

export type MaxMix = { callsPerSecond: number; drawsPerSecond: number; drawP99Ms: number };

/**
 * Calls/s of the crowd's own mix at full load: `concurrency` sessions back to back (a closed loop,
 * as many calls in flight as bench:http has connections) on the crowd's activities, after a
 * warm-up. The yardstick's users play them, so the crowd's own chances stay untouched.
 */
export async function measureMaxMix(crowd: Crowd, seconds = 6, concurrency = 100): Promise<MaxMix> {
  const run = async (s: number) => {
    const log = new CallLog();
    const client = crowdClient(crowd, log, { tokens: crowd.yardstick.tokens, sockets: concurrency });
    const until = log.startedAt + s * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < until) await client.session();
      }),
    );
    const elapsed = (performance.now() - log.startedAt) / 1000;
    client.close();
    return { log, elapsed };
  };
  await run(3);
  const { log, elapsed } = await run(seconds);
  const failed = log.tally().errors;
  const all = log.window(0, Infinity);
  if (failed > 0.01 * all.count) throw new Error(`maximum of the mix: ${failed} of ${all.count} calls failed`);
  const draws = log.window(0, Infinity, 'draw');
  return {
    callsPerSecond: all.count / elapsed,
    drawsPerSecond: draws.count / elapsed,
    drawP99Ms: percentile(draws.latencies, 99),
  };
}

/**
 * Starts sessions open-loop for `seconds`, so that calls are sent at `callsPerSecond(t)` (t in
 * seconds since the start) whatever the server's pace, then waits for the sessions under way (at
 * most 30 s). A session that would pass `maxSessions` in flight is not started and counts as an error.
 */
export async function openLoop({
  seconds,
  callsPerSecond,
  session,
  log,
  maxSessions = 5_000,
}: {
  seconds: number;
  callsPerSecond: (t: number) => number;
  session: () => Promise<void>;
  log: CallLog;
  maxSessions?: number;
}) {
  let inFlight = 0;
  let owed = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    const t = (now - log.startedAt) / 1000;
    owed += (callsPerSecond(t) * (now - last)) / 1000 / CALLS_PER_SESSION;
    last = now;
    for (; owed >= 1; owed--) {
      if (inFlight >= maxSessions) {
        log.sessionsNotStarted++;
        continue;
      }
      inFlight++;
      void session().finally(() => inFlight--);
    }
  }, 5);
  await sleep(Math.max(0, seconds * 1000 - (performance.now() - log.startedAt)));
  clearInterval(tick);
  for (let i = 0; i < 300 && inFlight > 0; i++) await sleep(100);
}

/**
 * A process of the server's or the workers' tree and its largest resident set seen. `role`: the
 * server's `supervisor` (it forks the web processes), `web`, `workers`, or the program's name for
 * a helper process (`esbuild`: tsx's compiler service, one beside each Node process it loads).
 */
export type ProcessPeak = { pid: number; group: 'web' | 'workers'; role: string; peakKb: number };
/** `at`: performance.now() when taken. */
export type MemorySample = { at: number; byPid: Map<number, number> };

function residentKb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null; // gone meanwhile
  }
}

/** `root` and every process below it, with their program names. */
function processTree(root: number, table: Map<number, { ppid: number; comm: string }>): [number, string][] {
  const out: [number, string][] = [];
  const walk = (pid: number) => {
    out.push([pid, table.get(pid)?.comm ?? '?']);
    for (const [child, { ppid }] of table) if (ppid === pid) walk(child);
  };
  if (table.has(root)) walk(root);
  return out;
}

/**
 * The resident memory of every process of the server's tree (its supervisor and the web processes
 * it forks) and the workers' tree, sampled every second from /proc/<pid>/status.
 */
export class MemorySampler {
  readonly samples: MemorySample[] = [];
  readonly peaks = new Map<number, ProcessPeak>();
  private timer: NodeJS.Timeout | undefined;

  /** Where the windows of `meanTotalMb` and `perProcess` count their seconds from (performance.now()). */
  origin = performance.now();

  constructor(
    private readonly serverPid: number,
    private readonly workersPid: number,
  ) {}

  start() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 1_000);
    return this;
  }

  stop() {
    clearInterval(this.timer);
  }

  private sample() {
    const byPid = new Map<number, number>();
    const table = processTable();
    for (const [group, root] of [
      ['web', this.serverPid],
      ['workers', this.workersPid],
    ] as const) {
      for (const [pid, comm] of processTree(root, table)) {
        const kb = residentKb(pid);
        if (kb === null) continue;
        byPid.set(pid, kb);
        const role =
          comm !== 'node' ? comm : pid === this.serverPid ? 'supervisor' : group === 'web' ? 'web' : 'workers';
        const peak = this.peaks.get(pid) ?? { pid, group, role, peakKb: 0 };
        peak.peakKb = Math.max(peak.peakKb, kb);
        this.peaks.set(pid, peak);
      }
    }
    this.samples.push({ at: performance.now(), byPid });
  }

  /** Peak RSS in MB of the largest web process (Node, supervisor included) and of the workers' Node process. */
  budgets(): { webMb: number; workersMb: number } {
    const largest = (role: string[]) =>
      Math.max(0, ...[...this.peaks.values()].filter((p) => role.includes(p.role)).map((p) => p.peakKb)) / 1024;
    return { webMb: largest(['web', 'supervisor']), workersMb: largest(['workers']) };
  }

  /** The samples taken within [from, to) seconds of the origin. */
  private within(from: number, to: number): MemorySample[] {
    return this.samples.filter((s) => s.at >= this.origin + from * 1000 && s.at < this.origin + to * 1000);
  }

  /** Mean RSS in MB of every process together over the samples taken within [from, to) seconds. */
  meanTotalMb(from: number, to: number): number {
    const inside = this.within(from, to);
    if (inside.length === 0) return NaN;
    const total = (s: MemorySample) => [...s.byPid.values()].reduce((sum, kb) => sum + kb, 0);
    return inside.reduce((sum, s) => sum + total(s), 0) / inside.length / 1024;
  }

  /** One line per process: its role and peak. */
  peakLines(): string[] {
    return [...this.peaks.values()].map(
      (p) => `MEMORY ${p.group} ${p.role} pid ${p.pid}: peak RSS ${(p.peakKb / 1024).toFixed(0)} MB`,
    );
  }

  /** Mean RSS in MB per process over [from, to), as `role=MB` pairs (web processes numbered, helpers summed). */
  perProcess(from: number, to: number): string {
    const inside = this.within(from, to);
    const mean = (pid: number) => {
      const kbs = inside.map((s) => s.byPid.get(pid)).filter((kb): kb is number => kb !== undefined);
      return kbs.length ? kbs.reduce((a, b) => a + b, 0) / kbs.length / 1024 : 0;
    };
    const parts = new Map<string, number>();
    let web = 0;
    for (const p of this.peaks.values()) {
      const name = p.role === 'web' ? `web${++web}` : p.role;
      parts.set(name, (parts.get(name) ?? 0) + mean(p.pid));
    }
    return [...parts].map(([name, mb]) => `${name}=${mb.toFixed(0)}`).join(' ');
  }
}

/**
 * The books once the workers have drained (the fuzz's checks, tests/fuzz/books.ts): every pool
 * reconciles (Redis against ActivityStock, the Win rows and the ledger), chances balance per user
 * in Redis and PostgreSQL alike, and per tier the Win rows, Redis's issued count and the tier's
 * stock agree (wins ≤ stock). Returns the mismatches, none when the books are right.
 */
export async function checkBooks(activityIds: string[]): Promise<string[]> {
  const { waitForDrain, reconcileAll, checkChances } = await import('../../tests/fuzz/books');
  const { db } = await import('../../lib/db');
  const { requestRedis } = await import('../../lib/redis');
  const { drawKeys } = await import('../../lib/draw/keys');
  const out: string[] = [];
  const backlog = await waitForDrain(runId, activityIds, { ms: 60_000, stuckMs: 10_000 });
  if (backlog > 0) out.push(`draw streams not drained: ${backlog} entries left`);
  for (const f of [...(await reconcileAll(activityIds)), ...(await checkChances(runId, activityIds))])
    out.push(`${f.kind} ${f.subject}: ${f.detail}`);
  const redis = await requestRedis();
  for (const activityId of activityIds) {
    const [tiers, wins, issued] = await Promise.all([
      db.tier.findMany({ where: { activityId }, select: { id: true, name: true, stock: true } }),
      db.draw.groupBy({ by: ['tierId'], where: { activityId, outcome: 'WIN' }, _count: { _all: true } }),
      redis.hgetall(drawKeys(activityId).issued),
    ]);
    for (const tier of tiers) {
      const won = wins.find((w) => w.tierId === tier.id)?._count._all ?? 0;
      const counted = Number(issued[`t:${tier.id}`] ?? 0);
      if (won > tier.stock) out.push(`activity ${activityId} ${tier.name}: ${won} wins, stock ${tier.stock}`);
      if (won !== counted)
        out.push(`activity ${activityId} ${tier.name}: ${won} winning Draw rows, Redis issued ${counted}`);
    }
  }
  return out;
}

/** Wins per tier over all crowd activities, for the report: how much of each tier's stock went. */
export async function tierSummary(activityIds: string[]): Promise<string> {
  const { db } = await import('../../lib/db');
  const tiers = await db.tier.findMany({
    where: { activityId: { in: activityIds } },
    select: { id: true, activityId: true, name: true, stock: true },
    orderBy: [{ activityId: 'asc' }, { position: 'asc' }],
  });
  const wins = await db.draw.groupBy({
    by: ['tierId'],
    where: { activityId: { in: activityIds }, outcome: 'WIN' },
    _count: { _all: true },
  });
  return activityIds
    .map((id, i) => {
      const mine = tiers.filter((t) => t.activityId === id);
      const parts = mine.map((t) => `${wins.find((w) => w.tierId === t.id)?._count._all ?? 0}/${t.stock}`);
      return `activity ${i + 1}: ${parts.join(', ')}`;
    })
    .join('; ');
}

export const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
