// Rebuilds the StatsBucket rows of one activity for the minutes in [from, to) from the records
// (Draw, Participation, ChanceGrant, RiskEvent), in ONE statement and so from one snapshot.
// Replace, never increment: running it twice, or after a retry, writes the same figures, so
// at-least-once delivery of the stats job is harmless. Minutes of the range that have no rows
// lose their bucket. Every scan is an index range: Draw, ChanceGrant and RiskEvent by
// (activityId, createdAt), Participation by (activityId, firstDrawAt).
//
// The recent pass runs this over the current minute every few seconds, so each Draw row is read
// many times (docs/idle-workers.md, "A busy activity"): the range's draws are read once, straight
// into a handful of groups (minute, outcome, tier, chance kind), and every draw figure comes from
// those groups. The new users are the Participation rows whose first draw is in the range, read by
// their own index: no list of the range's drawers is made, nor each looked up.
import type { Prisma } from '@/generated/prisma/client';

/**
 * The range's draw figures per minute (d: draws, wins, chances used; t: wins by tier) and its new
 * users (u), as the statement's CTEs.
 */
const DRAW_AND_USER_FIGURES = `
dg AS (
  SELECT date_trunc('minute', "createdAt") AS minute, outcome, "tierId", "chanceKind", count(*)::int AS n
  FROM "Draw" WHERE "activityId" = $1::uuid AND "createdAt" >= $2::timestamp(3) AND "createdAt" < $3::timestamp(3)
  GROUP BY 1, 2, 3, 4
), d AS (
  SELECT minute, sum(n)::int AS draws, coalesce(sum(n) FILTER (WHERE outcome = 'WIN'), 0)::int AS wins,
         coalesce(sum(n) FILTER (WHERE "chanceKind" = 'GRANTED'), 0)::int AS "chancesUsed"
  FROM dg GROUP BY minute
), t AS (
  SELECT minute, jsonb_object_agg(tier, n) AS "winsByTier"
  FROM (SELECT minute, "tierId"::text AS tier, sum(n)::int AS n FROM dg WHERE outcome = 'WIN' AND "tierId" IS NOT NULL GROUP BY 1, 2) x
  GROUP BY minute
), u AS (
  -- A user is new in the minute of their first draw.
  SELECT date_trunc('minute', "firstDrawAt") AS minute, count(*)::int AS "newUsers"
  FROM "Participation"
  WHERE "activityId" = $1::uuid AND "firstDrawAt" >= $2::timestamp(3) AND "firstDrawAt" < $3::timestamp(3)
  GROUP BY 1`;

/**
 * The statement's CTEs: the range's figures per minute (those of `figures`, then chances granted and
 * risk events), written to its buckets; buckets of minutes without any figure removed.
 */
const recomputeCtes = (figures = DRAW_AND_USER_FIGURES) => `
WITH act AS (
  SELECT id, "tenantId" FROM "Activity" WHERE id = $1::uuid
), ${figures.trim()}
), g AS (
  SELECT date_trunc('minute', "createdAt") AS minute, sum(chances)::int AS "chancesGranted"
  FROM "ChanceGrant" WHERE "activityId" = $1::uuid AND "createdAt" >= $2::timestamp(3) AND "createdAt" < $3::timestamp(3)
  GROUP BY 1
), r AS (
  SELECT date_trunc('minute', "createdAt") AS minute, count(*)::int AS "riskEvents"
  FROM "RiskEvent" WHERE "activityId" = $1::uuid AND "createdAt" >= $2::timestamp(3) AND "createdAt" < $3::timestamp(3)
  GROUP BY 1
), fresh AS (
  SELECT m.minute, coalesce(d.draws, 0) AS draws, coalesce(d.wins, 0) AS wins, coalesce(t."winsByTier", '{}'::jsonb) AS "winsByTier",
         coalesce(u."newUsers", 0) AS "newUsers", coalesce(g."chancesGranted", 0) AS "chancesGranted",
         coalesce(d."chancesUsed", 0) AS "chancesUsed", coalesce(r."riskEvents", 0) AS "riskEvents"
  FROM (SELECT minute FROM d UNION SELECT minute FROM u UNION SELECT minute FROM g UNION SELECT minute FROM r) m
  LEFT JOIN d USING (minute) LEFT JOIN t USING (minute) LEFT JOIN u USING (minute) LEFT JOIN g USING (minute) LEFT JOIN r USING (minute)
), written AS (
  INSERT INTO "StatsBucket" AS b ("activityId", minute, "tenantId", draws, wins, "winsByTier", "newUsers", "chancesGranted", "chancesUsed", "riskEvents")
  SELECT act.id, f.minute, act."tenantId", f.draws, f.wins, f."winsByTier", f."newUsers", f."chancesGranted", f."chancesUsed", f."riskEvents"
  FROM fresh f CROSS JOIN act
  ORDER BY f.minute
  ON CONFLICT ("activityId", minute) DO UPDATE SET
    draws = EXCLUDED.draws, wins = EXCLUDED.wins, "winsByTier" = EXCLUDED."winsByTier", "newUsers" = EXCLUDED."newUsers",
    "chancesGranted" = EXCLUDED."chancesGranted", "chancesUsed" = EXCLUDED."chancesUsed", "riskEvents" = EXCLUDED."riskEvents"
  -- an unchanged bucket is not rewritten (no dead tuples every few seconds)
  WHERE (b.draws, b.wins, b."winsByTier", b."newUsers", b."chancesGranted", b."chancesUsed", b."riskEvents")
        IS DISTINCT FROM (EXCLUDED.draws, EXCLUDED.wins, EXCLUDED."winsByTier", EXCLUDED."newUsers", EXCLUDED."chancesGranted", EXCLUDED."chancesUsed", EXCLUDED."riskEvents")
  RETURNING 1
), removed AS (
  DELETE FROM "StatsBucket" b
  WHERE b."activityId" = $1::uuid AND b.minute >= $2::timestamp(3) AND b.minute < $3::timestamp(3)
    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.minute = b.minute)
  RETURNING 1
)
`;

const COUNTS = `(SELECT count(*) FROM written)::int AS written, (SELECT count(*) FROM removed)::int AS removed`;

/** The rebuild with `figures` for the range's draws and new users; how many buckets it wrote and removed. */
export const recomputeStatement = (figures = DRAW_AND_USER_FIGURES) => `${recomputeCtes(figures)}
SELECT ${COUNTS}`;

const RECOMPUTE = recomputeStatement();

/**
 * The same, and whether every bucket then adds up to the records' totals (Participation holds the
 * exact draw, win and user counts), read in the same statement and so from the same snapshot as
 * the figures written: the range's fresh figures plus the stored buckets outside it. Asked in a
 * statement of its own, a busy activity's totals would always be ahead of the buckets, by the
 * draws committed in between.
 */
const RECOMPUTE_AND_CHECK = `${recomputeCtes()}, kept AS (
  SELECT draws, wins, "newUsers", "chancesGranted", "riskEvents" FROM "StatsBucket"
  WHERE "activityId" = $1::uuid AND NOT (minute >= $2::timestamp(3) AND minute < $3::timestamp(3))
  UNION ALL
  SELECT draws, wins, "newUsers", "chancesGranted", "riskEvents" FROM fresh
), kept_sums AS (
  SELECT coalesce(sum(draws), 0)::bigint AS draws, coalesce(sum(wins), 0)::bigint AS wins, coalesce(sum("newUsers"), 0)::bigint AS users,
         coalesce(sum("chancesGranted"), 0)::bigint AS granted, coalesce(sum("riskEvents"), 0)::bigint AS risk
  FROM kept
), record_sums AS (
  SELECT coalesce(sum(draws), 0)::bigint AS draws, coalesce(sum(wins), 0)::bigint AS wins, count(*)::bigint AS users
  FROM "Participation" WHERE "activityId" = $1::uuid
), grant_sum AS (
  SELECT coalesce(sum(chances), 0)::bigint AS granted FROM "ChanceGrant" WHERE "activityId" = $1::uuid
), risk_count AS (
  SELECT count(*)::bigint AS risk FROM "RiskEvent" WHERE "activityId" = $1::uuid
)
SELECT ${COUNTS},
       (k.draws = p.draws AND k.wins = p.wins AND k.users = p.users AND k.granted = g.granted AND k.risk = r.risk) AS agree
FROM kept_sums k, record_sums p, grant_sum g, risk_count r`;

type Tx = Pick<Prisma.TransactionClient, '$queryRawUnsafe'>;
export type Recomputed = { written: number; removed: number; agree?: boolean };

/**
 * `to` null: no upper bound. Returns how many buckets changed and how many went; with
 * `checkTotals`, also whether the buckets then agree with the records' totals.
 */
export async function recomputeStatsBuckets(
  tx: Tx,
  activityId: string,
  from: Date | null,
  to: Date | null,
  { checkTotals = false }: { checkTotals?: boolean } = {},
): Promise<Recomputed> {
  const [row] = await tx.$queryRawUnsafe<Recomputed[]>(
    checkTotals ? RECOMPUTE_AND_CHECK : RECOMPUTE,
    activityId,
    from ? from.toISOString() : '-infinity',
    to ? to.toISOString() : 'infinity',
  );
  return row ?? { written: 0, removed: 0, ...(checkTotals ? { agree: true } : {}) };
}
