// Every key one draw touches carries the activity's hash tag, so one script can touch them all
// on one Redis Cluster shard.
import { activityKey } from '../redis';

export type DrawKeys = Readonly<ReturnType<typeof makeDrawKeys>>;

/** Every activity's keys, made once each: a draw batch and a page's reads name them all the time. */
const made = new Map<string, DrawKeys>();

export function drawKeys(activityId: string): DrawKeys {
  const base = activityKey(activityId);
  let keys = made.get(base);
  if (!keys) {
    if (made.size >= 10_000) made.clear();
    keys = Object.freeze(makeDrawKeys(base));
    made.set(base, keys);
  }
  return keys;
}

/** The keys under an activity's base (activityKey of its id alone). */
function makeDrawKeys(base: string) {
  return {
    cfg: `${base}:cfg`,
    stock: `${base}:stock`,
    issued: `${base}:issued`,
    stream: `${base}:stream`,
    rebuildLock: `${base}:rebuild-lock`,
    /** Held for an interval after an end user's request starts a rebuild: the next one waits it out. */
    rebuildThrottle: `${base}:rebuild-throttle`,
    /** Set by a change committed while the state was missing: a rebuild under way reads the records again. */
    changedWhileMissing: `${base}:changed-while-missing`,
    user: (userId: string) => `${base}:u:${userId}`,
    /** The ids of users with a user hash: a later end extends their expiry without a keyspace scan. */
    users: `${base}:users`,
    /** A coupon prize's codes left in the activity's pool, handed out by the draw (codes-key.lua). */
    codes: (prizeId: string) => `${base}:codes:${prizeId}`,
    /**
     * The stored result of a user's draw under an Idempotency-Key. Both parts are free text (a
     * key may hold ':'), so the user id goes with its length: `ik` + `a:k1` and `ik:a` + `k1`
     * are two keys, where joining them with ':' alone would make one.
     */
    idem: (userId: string, idempotencyKey: string) =>
      `${base}:idempotency:${userId.length}:${userId}:${idempotencyKey}`,
    /**
     * The ambiguous spelling used before the user id carried its length. Results stored under it
     * live IDEMPOTENCY_TTL_SECONDS; until they are gone the draw reads them too, and takes one
     * only when the record inside names this very user and key. Remove once no deployment has
     * written one for that long.
     */
    legacyIdem: (userId: string, idempotencyKey: string) => `${base}:idem:${userId}:${idempotencyKey}`,
  };
}
