// Steady draw traffic for fault tests: loops that call the draw route handler as clients would,
// each retrying a 503 with the same Idempotency-Key, until told to stop (or a deadline passes).
// Every answer is kept, so the test can hold the books against what the clients were told.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { POST as draw } from '@/app/api/v1/activities/[activityId]/draws/route';
import { bearer, callRoute } from './fixtures';

/** A draw a client was answered 200 for. */
export type AnsweredDraw = { activityId: string; userId: string; key: string; drawId: string; winIds: string[] };

type Client = { activityId: string; userId: string; token: string };

/** Retries of one key after 503 before the loop moves on (bounded: the loops stop by themselves). */
const MAX_RETRIES = 400;

export class DrawTraffic {
  readonly answered: AnsweredDraw[] = [];
  /** Answers that were not 200, by "status code". */
  readonly refusals = new Map<string, number>();
  /** 200 answers since `markPhase` was last called. */
  okSincePhase = 0;
  private stopped = false;
  private running: Promise<void>[] = [];

  /**
   * One loop per client; each stops after `deadlineMs` at the latest. `pauseMs` between draws of a
   * loop keeps the load steady rather than flat out.
   */
  start(clients: Client[], { deadlineMs = 90_000, pauseMs = 5 } = {}): void {
    const until = Date.now() + deadlineMs;
    this.running = clients.map((c) => this.loop(c, until, pauseMs));
  }

  markPhase(): void {
    this.okSincePhase = 0;
  }

  /** Answers with this status (any code). */
  count(status: number): number {
    return [...this.refusals].filter(([label]) => label.startsWith(`${status}`)).reduce((sum, [, n]) => sum + n, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  private async loop(client: Client, until: number, pauseMs: number) {
    while (!this.stopped && Date.now() < until) {
      const key = randomUUID();
      for (let attempt = 0; attempt < MAX_RETRIES && Date.now() < until; attempt++) {
        const res = await callRoute(draw, {
          method: 'POST',
          headers: { ...bearer(client.token), 'idempotency-key': key },
          params: { activityId: client.activityId },
        });
        if (res.status === 200) {
          const body = res.json as { drawId: string; winIds: string[] };
          this.answered.push({ ...client, key, drawId: body.drawId, winIds: body.winIds });
          this.okSincePhase++;
          break;
        }
        const label = `${res.status} ${res.json?.error?.code ?? ''}`.trim();
        this.refusals.set(label, (this.refusals.get(label) ?? 0) + 1);
        // 503: the same key again shortly, as a client told Retry-After would; anything else: a new draw.
        if (res.status !== 503 || this.stopped) break;
        await sleep(50);
      }
      await sleep(pauseMs);
    }
  }
}
