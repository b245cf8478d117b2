// bench:stats's baseline: the statistics rebuild as it was before it grouped the range's draws in
// one pass and counted new users by their own index (lib/stats/recompute-stats-buckets.ts). The
// range's draws were kept whole and read again for each figure, and every drawer of the range was
// looked up in Participation by its key. Only those figures differ; the rest is the current statement.
import { recomputeStatement } from '../../lib/stats/recompute-stats-buckets';

export const PREVIOUS_RECOMPUTE = recomputeStatement(`
dr AS (
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
  GROUP BY 1`);
