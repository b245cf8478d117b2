// What PostgreSQL says a hot state must at least have seen: the highest draw number committed
// for the activity and its state generation (docs/draw.md, "When Redis comes back older"). The
// draw script fences a state below it. Read once per activity per Redis connection: a Redis that
// restarts (from an AOF a second behind, say) closes every connection, so the first draws after
// it are checked against the records before anything is decided; in between the floor costs
// nothing (the script compares it with its own counter, no extra round trip).
import { db } from '../db';
import { AppError } from '../errors';
import { log } from '../log';
import { defineScript, loadLuaScript, type Redis } from '../redis';
import { forgetActivityMeta } from './activity-state';
import { drawKeys } from './keys';

export type DrawFloor = { seq: number; epoch: number };

/** Per connection: the floors read since it was last (re)connected. */
const floorsByConnection = new WeakMap<Redis, Map<string, DrawFloor>>();

function floorsOf(redis: Redis): Map<string, DrawFloor> {
  let floors = floorsByConnection.get(redis);
  if (!floors) {
    floors = new Map();
    floorsByConnection.set(redis, floors);
    // The next session may be another Redis, or the same one restarted from older files.
    redis.on('close', () => floorsByConnection.set(redis, new Map()));
  }
  return floors;
}

/** The floor for the activity's draws on this connection: cached, or read from PostgreSQL once. */
export function drawFloor(redis: Redis, activityId: string): DrawFloor | Promise<DrawFloor> {
  const floors = floorsOf(redis);
  return floors.get(activityId) ?? readFloor(floors, activityId);
}

/**
 * A draw this process committed: its number is part of the floor from now on. Only a floor already
 * read is raised (one not read yet will be read from PostgreSQL, which holds the draw). So a draw
 * decided before a restart and committed after the floor was read still counts.
 */
export function raiseDrawFloor(redis: Redis, activityId: string, seq: number): void {
  const floor = floorsByConnection.get(redis)?.get(activityId);
  if (floor && floor.seq < seq) floor.seq = seq;
}

async function readFloor(floors: Map<string, DrawFloor>, activityId: string): Promise<DrawFloor> {
  let floor: DrawFloor;
  try {
    floor = await committedFloor(activityId);
  } catch (err) {
    // Nothing is decided unchecked; the draw could not be committed now anyway.
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'the records cannot be read now; retry',
      { cause: String(err) },
      {
        'retry-after': '1',
      },
    );
  }
  if (floors.size > 10_000) floors.clear();
  floors.set(activityId, floor);
  return floor;
}

/** The activity's committed draw number and state generation, as PostgreSQL holds them now. */
export async function committedFloor(activityId: string): Promise<DrawFloor> {
  const [row] = await db.$queryRaw<{ seq: bigint | null; epoch: number }[]>`
    SELECT s.committed AS seq, a."stateEpoch" AS epoch
    FROM "Activity" a LEFT JOIN "ActivityDrawSeq" s ON s."activityId" = a.id
    WHERE a.id = ${activityId}::uuid`;
  return { seq: Number(row?.seq ?? 0), epoch: row?.epoch ?? 0 };
}

const fenceScript = loadLuaScript('lib/draw/lua', 'fence-if-behind-1.lua');

/**
 * The drain's check: PostgreSQL first, Redis second (a draw committed in between was numbered by
 * Redis before it, so a healthy state is never found behind). True when the state was behind and
 * is now fenced; the caller rebuilds it before writing anything it decided.
 */
export async function fenceIfBehind(redis: Redis, activityId: string): Promise<boolean> {
  const floor = await committedFloor(activityId);
  const fenced = await defineScript(redis, fenceScript)([drawKeys(activityId).cfg], [floor.seq, floor.epoch]);
  if (fenced !== 1) return false;
  forgetActivityMeta(activityId);
  log.warn('the hot state is older than the records (Redis came back behind them): fenced', { activityId, ...floor });
  return true;
}
