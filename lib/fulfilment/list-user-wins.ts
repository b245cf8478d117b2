// An end user's wins, read on every play page (GET me, GET me/wins): an indexed query (Win by
// tenant and user), batched across concurrent requests (lib/batched-reads.ts), in plain SQL, which costs the web
// process a sixth of the CPU the same query costs through Prisma's query compiler. Times are
// formatted by PostgreSQL in UTC, as Prisma reads the schema's timestamps.
import { batchedReads } from '../batched-reads';
import { CLAIM_EXPIRED_REASON } from './expire-claims';
import { orUntranslated, pickTranslation, type PrizeTranslation } from '../i18n/translate';

export type UserWinDto = {
  id: string;
  activityId: string;
  /** The draw that won it: its proof is GET /api/v1/draws/{drawId}/proof. */
  drawId: string;
  tierId: string;
  prize: { id: string; name: string; kind: string };
  quantity: number;
  status: string;
  claimable: boolean;
  /** A coupon win's codes, one per unit; not while it waits for review, nor once void. */
  codes?: string[];
  createdAt: string;
  /** A physical win's claim deadline (null without a claim window). */
  claimExpiresAt: string | null;
  /** Voided because its claim window passed. */
  expired: boolean;
  /** Once shipped: who carries it and the number to track it by. */
  shipment: { carrier: string; trackingNumber: string } | null;
};

/** A win as PostgreSQL answers it, before the reader's language is picked: what GET me keeps in Redis. */
export type UserWinRow = {
  id: string;
  activityId: string;
  drawId: string;
  tierId: string;
  quantity: number;
  status: string;
  createdAt: string;
  prizeId: string;
  prizeName: string;
  prizeKind: string;
  codes: string[] | null;
  claimExpiresAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  expired: boolean;
  prizeTranslations: unknown;
};

const COLUMNS = `w.id, w."activityId", w."drawId", w."tierId", w.quantity, w.status::text AS status,
  to_char(w."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(w."claimExpiresAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "claimExpiresAt",
  w.carrier, w."trackingNumber",
  (w.status = 'VOID' AND w."voidReason" IS NOT DISTINCT FROM '${CLAIM_EXPIRED_REASON}') AS expired,
  p.id AS "prizeId", p.name AS "prizeName", p.kind::text AS "prizeKind", p.translations AS "prizeTranslations",
  CASE WHEN p.kind = 'COUPON' AND w.status NOT IN ('HELD', 'VOID')
    THEN (SELECT array_agg(c.code ORDER BY c."createdAt", c.id) FROM "CouponCode" c WHERE c."winId" = w.id) END AS codes`;

/** Row i of the arrays (tenant, user, activity or null for the whole tenant, limit): its newest wins. */
const BATCH = `SELECT q.i::int AS i, w.*
FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::int[]) WITH ORDINALITY AS q(t, u, a, n, i)
CROSS JOIN LATERAL (
  SELECT ${COLUMNS}
  FROM "Win" w JOIN "Prize" p ON p.id = w."prizeId" AND p."tenantId" = w."tenantId"
  WHERE w."tenantId" = q.t AND w."userId" = q.u AND (q.a IS NULL OR w."activityId" = q.a)
  ORDER BY w."createdAt" DESC, w.id DESC LIMIT q.n
) w`;

type Read = { tenantId: string; userId: string; activityId: string | null; limit: number };

const reads = batchedReads<Read, UserWinRow>(BATCH, (rs) => [
  rs.map((r) => r.tenantId),
  rs.map((r) => r.userId),
  rs.map((r) => r.activityId),
  rs.map((r) => r.limit),
]);

/** An end user's wins in one tenant (or in one of its activities), newest first. */
export async function listUserWins(
  tenantId: string,
  userId: string,
  { activityId, limit, languages = [] }: { activityId?: string; limit?: number; languages?: string[] } = {},
): Promise<UserWinDto[]> {
  const rows = await readUserWinRows(tenantId, userId, { activityId, limit });
  return rows.map((w) => userWinDto(w, languages));
}

/** The rows behind listUserWins, newest first. */
export function readUserWinRows(
  tenantId: string,
  userId: string,
  { activityId, limit = 100 }: { activityId?: string | undefined; limit?: number | undefined } = {},
): Promise<UserWinRow[]> {
  return reads.submit({ tenantId, userId, activityId: activityId ?? null, limit });
}

/** One win as the end user sees it, its prize named in the reader's language. */
export function userWinDto(w: UserWinRow, languages: string[]): UserWinDto {
  return {
    id: w.id,
    activityId: w.activityId,
    drawId: w.drawId,
    tierId: w.tierId,
    prize: {
      id: w.prizeId,
      name: orUntranslated(pickTranslation<PrizeTranslation>(w.prizeTranslations, languages)?.text.name, w.prizeName),
      kind: w.prizeKind.toLowerCase(),
    },
    quantity: w.quantity,
    status: w.status,
    claimable: w.status === 'AWAITING_CLAIM' && w.prizeKind === 'PHYSICAL',
    ...(w.codes ? { codes: w.codes } : {}),
    createdAt: w.createdAt,
    claimExpiresAt: w.claimExpiresAt,
    expired: w.expired,
    shipment:
      (w.status === 'SHIPPED' || w.status === 'DELIVERED') && w.carrier && w.trackingNumber
        ? { carrier: w.carrier, trackingNumber: w.trackingNumber }
        : null,
  };
}
