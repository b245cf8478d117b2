// The play page reports each load (POST /api/v1/activities/{id}/views), the first step of the
// dashboard's funnel. A view costs the request path nothing but a map increment: each process
// adds its counts to the activity rows in one statement every FLUSH_MS (or sooner at
// FLUSH_AT views), so a crowd opening the page writes a few rows a second, not one per view.
// A batch PostgreSQL refuses (a dropped link, a restart) goes back into the counts and is tried
// again with the next one; a link dropped just after the commit may so count a batch twice, and a
// process that stops loses at most its last few seconds of views: a funnel figure, not money.
import { db } from '../db';
import { AppError } from '../errors';
import { isUuid } from '../ids';
import { log } from '../log';

const FLUSH_MS = 2_000;
const FLUSH_AT = 5_000;
const KNOWN_MS = 60_000;

const pending = new Map<string, number>();
let pendingTotal = 0;
let timer: NodeJS.Timeout | null = null;
let flushing: Promise<void> = Promise.resolve();

// Which (tenant, activity) pairs name a published activity, kept a minute: a view is counted only
// for one, without a read per view.
const known = new Map<string, { at: number; exists: boolean }>();

async function publishedActivity(tenantId: string, activityId: string, now: number): Promise<boolean> {
  const key = `${tenantId}:${activityId}`;
  const hit = known.get(key);
  if (hit && now - hit.at < KNOWN_MS) return hit.exists;
  const row = await db.activity.findFirst({
    where: { id: activityId, tenantId, status: { not: 'DRAFT' } },
    select: { id: true },
  });
  if (known.size > 10_000) known.clear();
  known.set(key, { at: now, exists: row !== null });
  return row !== null;
}

/** Counts one load of the activity's play page; 404 for an activity the tenant has not published. */
export async function countPageView(tenantId: string, activityId: string, now = Date.now()): Promise<void> {
  if (!isUuid(activityId) || !(await publishedActivity(tenantId, activityId, now))) {
    throw new AppError('NOT_FOUND', `activity ${activityId} not found`);
  }
  add(activityId, 1);
}

/** Writes the counted views to their activities, one statement for all; resolves when written. */
export function flushPageViews(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  if (pending.size === 0) return flushing;
  const ids = [...pending.keys()];
  const counts = ids.map((id) => pending.get(id)!);
  pending.clear();
  pendingTotal = 0;
  flushing = flushing.then(() =>
    db.$executeRaw`
      UPDATE "Activity" a SET "pageViews" = a."pageViews" + v.n
      FROM unnest(${ids}::uuid[], ${counts}::int[]) AS v(id, n) WHERE a.id = v.id`.then(
      () => undefined,
      (err: unknown) => {
        log.warn('page views not recorded yet', { activities: ids.length, error: String(err) });
        ids.forEach((id, i) => add(id, counts[i]!));
      },
    ),
  );
  return flushing;
}

function add(activityId: string, views: number) {
  pending.set(activityId, (pending.get(activityId) ?? 0) + views);
  pendingTotal += views;
  if (pendingTotal >= FLUSH_AT) void flushPageViews();
  else timer ??= setTimeout(() => void flushPageViews(), FLUSH_MS).unref();
}
