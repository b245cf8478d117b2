// The risk step of a draw: one script over the tenant's risk state in Redis,
// before the draw script; the draws of a tenant that arrive while a call is out share the next.
// BLOCK answers 403 RISK_BLOCKED and RATE_LIMITED 429 with Retry-After, both before any chance
// is touched; FORCE_LOSE and HOLD go to the draw, which makes the draw a loss or holds its win
// for review. Every hit is a RiskEvent.
import { batchersBy } from '../batcher';
import { AppError } from '../errors';
import type { EndUser } from '../auth/user-token';
import { defineScript, loadLuaScript, type Redis } from '../redis';
import { riskKeys } from './keys';
import { recordRiskEvent } from './risk-events';
import { rebuildRiskState } from './risk-state';

const checkScript = loadLuaScript('lib/risk/lua', 'check-risk-batch-1.lua');

export type SoftRiskAction = 'FORCE_LOSE' | 'HOLD';
export type RiskHit = { ruleId: string; kind: string; action: string };
export type RiskVerdict = { soft: (RiskHit & { action: SoftRiskAction }) | null };
export type RiskContext = { deviceId: string; ip: string; now: number; alreadyDrawn: () => Promise<boolean> };

const rebuilding = new Map<string, Promise<void>>();

/**
 * Tenants known to have no rule at all skip the script; what a tenant has is looked at again
 * after a second. So a first rule reaches other processes' draws within a second (this
 * process's at once, forgetRiskRules); a tenant with rules is always checked by the script.
 */
const RULES_SEEN_MS = 1_000;
const rulesSeen = new Map<string, { at: number; none: boolean }>();

export function forgetRiskRules(tenantId: string) {
  rulesSeen.delete(tenantId);
}

async function tenantHasNoRules(redis: Redis, tenantId: string): Promise<boolean> {
  const seen = rulesSeen.get(tenantId);
  if (seen && Date.now() - seen.at < RULES_SEEN_MS) return seen.none;
  const none = (await redis.get(riskKeys(tenantId).rules)) === '[]';
  if (rulesSeen.size > 10_000) rulesSeen.clear();
  rulesSeen.set(tenantId, { at: Date.now(), none });
  return none;
}

export async function checkRisk(
  redis: Redis,
  user: EndUser,
  activityId: string,
  ctx: RiskContext,
): Promise<RiskVerdict> {
  if (await tenantHasNoRules(redis, user.tenantId)) return { soft: null };
  const args = [activityId, user.userId, ctx.deviceId, ctx.ip, ctx.now, user.accountCreatedAt ?? ''];
  const run = () => riskBatcher(redis, user.tenantId).submit(args);
  let answer = await run();
  if (answer[0] === 'missing') {
    // Lost with Redis, or never compiled: from the records, once per process at a time.
    let pending = rebuilding.get(user.tenantId);
    if (!pending) {
      pending = rebuildRiskState(redis, user.tenantId).finally(() => rebuilding.delete(user.tenantId));
      rebuilding.set(user.tenantId, pending);
    }
    await pending;
    answer = await run();
  }
  const [verdict, action, ruleId, kind, retryAfterMs] = answer;
  if (verdict === 'ok' || verdict === 'missing') return { soft: null };
  const event = {
    tenantId: user.tenantId,
    activityId,
    ruleId: ruleId!,
    kind: kind!,
    action: action!,
    userId: user.userId,
    deviceId: ctx.deviceId || null,
    ip: ctx.ip || null,
  };
  if (verdict === 'soft') return { soft: { ruleId: ruleId!, kind: kind!, action: action as SoftRiskAction } };

  // A retry of a draw that was already made gets its answer, whatever the rules say now.
  if (await ctx.alreadyDrawn()) return { soft: null };
  recordRiskEvent(event);
  if (action === 'RATE_LIMITED') {
    const seconds = Math.max(1, Math.ceil(Number(retryAfterMs) / 1000));
    throw new AppError(
      'RATE_LIMITED',
      `too many draws; try again in ${seconds} s`,
      { retryAfterSeconds: seconds },
      { 'retry-after': String(seconds) },
    );
  }
  throw new AppError('RISK_BLOCKED', 'this draw was refused by the activity’s risk rules');
}

type Answer = [string, string?, string?, string?, number?];

/** The most draws one call checks (a few µs each; Redis does nothing else meanwhile). */
const MAX_RISK_BATCH = 100;
/** One batcher per connection and tenant: a call reads one tenant's rules and keys (one hash tag). */
const riskBatcher = batchersBy<Redis, (string | number)[], Answer>({ maxBatch: MAX_RISK_BATCH }, (redis, tenantId) => {
  const k = riskKeys(tenantId);
  const call = defineScript(redis, checkScript);
  return async (draws) => {
    const answers = (await call([k.rules], [k.prefix, ...draws.flat()])) as Answer[] | ['missing'];
    if (answers[0] === 'missing') return draws.map(() => ['missing'] as Answer);
    return answers as Answer[];
  };
});
