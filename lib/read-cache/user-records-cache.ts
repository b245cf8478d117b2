// What GET /me shows of a user's own rows in one activity (wins, task grants), kept in Redis so
// the play page's reads do not wait on PostgreSQL. Every writer of those rows forgets the entry
// after its commit (forgetUserRecords) by giving it a new random token; a reader stamps what it
// reads from PostgreSQL with the tokens it saw before reading, and the entry keeps it only if no
// token moved meanwhile (lua/fill-user-records-2.lua). So a read that raced a write is never kept,
// whichever finished first. Tokens are random, never counters: a key that expired and came back
// cannot repeat an old stamp. Redis emptied: every entry is missing and is read again.
// Changes that reach every user's entry at once (a prize renamed) move the activity's token
// instead (touchActivities). The lifetime only bounds what a writer that could not reach Redis
// leaves behind.
import { randomBytes } from 'node:crypto';
import { errorFields, log } from '../log';
import { activityKey, defineScript, loadLuaScript, requestRedis } from '../redis';

/** An entry's lifetime; the activity token outlives every entry filled before it moved. */
export const USER_RECORDS_TTL_SECONDS = 600;
const TOUCHED_TTL_SECONDS = 2 * USER_RECORDS_TTL_SECONDS;

const fillScript = loadLuaScript('lib/read-cache/lua', 'fill-user-records-2.lua');
const forgetScript = loadLuaScript('lib/read-cache/lua', 'forget-user-records-v.lua');

export type UserRecordsOwner = { tenantId: string; activityId: string; userId: string };

/** The user's entry in the activity's hash tag; a user id is free text, so it goes with its length. */
export const userRecordsKey = ({ tenantId, activityId, userId }: UserRecordsOwner) =>
  activityKey(activityId, 'mine', tenantId, userId.length, userId);
/** The activity's token: every entry of the activity was filled under it. */
export const touchedKey = (activityId: string) => activityKey(activityId, 'touched');

const token = () => randomBytes(9).toString('base64url');

export type UserRecordsRead<T> = { records: T | null; stamp: string };

/** The fields of an entry a reader takes, in the order keptUserRecords wants them. */
const USER_RECORDS_FIELDS = ['g', 'at', 'v'] as const;

/** The kept records (null when missing or stale) and the stamp a fill after a PostgreSQL read must carry. */
export async function readUserRecords<T>(owner: UserRecordsOwner): Promise<UserRecordsRead<T>> {
  const redis = await requestRedis();
  const [entry, touched] = await Promise.all([
    redis.hmget(userRecordsKey(owner), ...USER_RECORDS_FIELDS),
    redis.get(touchedKey(owner.activityId)),
  ]);
  return keptUserRecords(entry, touched);
}

/**
 * What an entry's fields (USER_RECORDS_FIELDS, read together with the activity's token by a
 * caller that reads more at once) keep: as readUserRecords answers.
 */
export function keptUserRecords<T>(
  [g, at, v]: (string | null | undefined)[],
  touched: string | null | undefined,
): UserRecordsRead<T> {
  const stamp = `${touched ?? ''}|${g ?? ''}`;
  return { records: v != null && at === stamp ? (JSON.parse(v) as T) : null, stamp };
}

/**
 * Keeps records read from PostgreSQL after `stamp` was taken, unless a writer came in between.
 * False when not kept; never throws: the records read are the answer either way.
 */
export async function fillUserRecords<T>(owner: UserRecordsOwner, stamp: string, records: T): Promise<boolean> {
  try {
    const redis = await requestRedis();
    const keys = [userRecordsKey(owner), touchedKey(owner.activityId)];
    const args = [stamp, JSON.stringify(records), USER_RECORDS_TTL_SECONDS];
    return (await defineScript(redis, fillScript)(keys, args)) === 1;
  } catch (err) {
    log.warn('could not keep user records', errorFields(err));
    return false;
  }
}

/**
 * After a commit that changed these users' wins or grants: their entries are read again. One
 * script call per activity (its entries share a hash tag), one new token for all: each entry's
 * token only has to differ from every one it had. Never throws: the write stands; an entry Redis
 * did not hear about lives out its lifetime.
 */
export async function forgetUserRecords(owners: UserRecordsOwner[]): Promise<void> {
  if (owners.length === 0) return;
  try {
    const forget = defineScript(await requestRedis(), forgetScript);
    const byActivity = new Map<string, string[]>();
    for (const owner of owners) {
      const keys = byActivity.get(owner.activityId);
      if (keys) keys.push(userRecordsKey(owner));
      else byActivity.set(owner.activityId, [userRecordsKey(owner)]);
    }
    const args = [token(), USER_RECORDS_TTL_SECONDS];
    await Promise.all([...byActivity.values()].map((keys) => forget(keys, args)));
  } catch (err) {
    log.warn('could not forget cached user records', { owners: owners.length, ...errorFields(err) });
  }
}

/** After a change every kept view of these activities shows (a prize renamed): all are read again. */
export async function touchActivities(activityIds: string[]): Promise<void> {
  if (activityIds.length === 0) return;
  try {
    const redis = await requestRedis();
    const m = redis.pipeline();
    for (const id of activityIds) m.set(touchedKey(id), token(), 'EX', TOUCHED_TTL_SECONDS);
    await m.exec();
  } catch (err) {
    log.warn('could not mark activities changed', { activities: activityIds.length, ...errorFields(err) });
  }
}
