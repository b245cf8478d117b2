// bench:stats's baseline: the statistics rebuild as it was before it grouped the range's draws in
// one pass and counted new users by their own index (lib/stats/recompute-stats-buckets.ts). The
// range's draws were kept whole and read again for each figure, and every drawer of the range was
// looked up in Participation by its key.
export const PREVIOUS_RECOMPUTE = `
WITH act AS (
  SELECT id, "tenantId" FROM "Activity" WHERE id = $1::uuid
), dr AS (
  SELECT date_trunc('minute', "createdAt") AS minute, outcome, "tierId", "chanceKind", "userId"
  FROM "Draw" WHERE "activityId" = $1::uuid AND "createdAt" >= $2::timestamp(3) AND "createdAt" < $3::timestamp(3)
), d AS (
  SELECT minute, count(*)::int AS draws, count(*) FILTER (WHERE outcome = 'WIN')::int AS wins,
         count(*) FILTER (WHERE "chanceKind" = 'GRANTED')::int AS "chancesUsed"
  FROM dr GROUP BY minute
), t AS (
  SELECT minute, jsonb_object_agg(tier, n) AS "winsByTier"
  FROM (SELECT minute, "tierId"::text AS tier, count(*)::int AS n FROM dr WHERE outcome = 'WIN' AND "tierId" IS NOT NULL GROUP BY 1, 2) x
  GROUP BY minute
), u AS (
  -- A user is new in the minute of their first draw. Anyone whose first draw is in the range
  -- drew in the range, so the range's drawers are the only Participation rows to look at.
  SELECT date_trunc('minute', p."firstDrawAt") AS minute, count(*)::int AS "newUsers"
  FROM "Participation" p
  WHERE p."activityId" = $1::uuid AND p."firstDrawAt" >= $2::timestamp(3) AND p."firstDrawAt" < $3::timestamp(3)
    AND p."userId" IN (SELECT DISTINCT "userId" FROM dr)
  GROUP BY 1
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
SELECT (SELECT count(*) FROM written)::int AS written, (SELECT count(*) FROM removed)::int AS removed`;
