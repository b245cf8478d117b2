// An end user's wins, read on every play page (GET me, GET me/wins): one indexed query
// (Win by tenant and user) in plain SQL, which costs the web process a sixth of the CPU the
// same query costs through Prisma's query compiler. Times are formatted by PostgreSQL in UTC,
// as Prisma reads the schema's timestamps.
import { pool } from '../db';
import { CLAIM_EXPIRED_REASON } from './expire-claims';
import { orUntranslated, pickTranslation, type PrizeTranslation } from '../i18n/translate';

export type UserWinDto = {
  id: string;
  activityId: string;
  tierId: string;
  prize: { id: string; name: string; kind: string };
  quantity: number;
  status: string;
  claimable: boolean;
  createdAt: string;
  /** A physical win's claim deadline (null without a claim window). */
  claimExpiresAt: string | null;
  /** Voided because its claim window passed. */
  expired: boolean;
  /** Once shipped: who carries it and the number to track it by. */
  shipment: { carrier: string; trackingNumber: string } | null;
};

type Row = {
  id: string;
  activityId: string;
  tierId: string;
  quantity: number;
  status: string;
  createdAt: string;
  prizeId: string;
  prizeName: string;
  prizeKind: string;
  claimExpiresAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  expired: boolean;
  prizeTranslations: unknown;
};

const SELECT = `SELECT w.id, w."activityId", w."tierId", w.quantity, w.status::text AS status,
  to_char(w."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(w."claimExpiresAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "claimExpiresAt",
  w.carrier, w."trackingNumber",
  (w.status = 'VOID' AND w."voidReason" IS NOT DISTINCT FROM '${CLAIM_EXPIRED_REASON}') AS expired,
  p.id AS "prizeId", p.name AS "prizeName", p.kind::text AS "prizeKind", p.translations AS "prizeTranslations"
FROM "Win" w JOIN "Prize" p ON p.id = w."prizeId" AND p."tenantId" = w."tenantId"
WHERE w."tenantId" = $1 AND w."userId" = $2`;
const ORDER = `ORDER BY w."createdAt" DESC, w.id DESC LIMIT $3`;
const IN_TENANT = `${SELECT} ${ORDER}`;
const IN_ACTIVITY = `${SELECT} AND w."activityId" = $4 ${ORDER}`;

/** An end user's wins in one tenant (or in one of its activities), newest first. */
export async function listUserWins(
  tenantId: string,
  userId: string,
  { activityId, limit = 100, languages = [] }: { activityId?: string; limit?: number; languages?: string[] } = {},
): Promise<UserWinDto[]> {
  const { rows } = activityId
    ? await pool.query<Row>(IN_ACTIVITY, [tenantId, userId, limit, activityId])
    : await pool.query<Row>(IN_TENANT, [tenantId, userId, limit]);
  return rows.map((w) => ({
    id: w.id,
    activityId: w.activityId,
    tierId: w.tierId,
    prize: {
      id: w.prizeId,
      name: orUntranslated(pickTranslation<PrizeTranslation>(w.prizeTranslations, languages)?.text.name, w.prizeName),
      kind: w.prizeKind.toLowerCase(),
    },
    quantity: w.quantity,
    status: w.status,
    claimable: w.status === 'AWAITING_CLAIM' && w.prizeKind === 'PHYSICAL',
    createdAt: w.createdAt,
    claimExpiresAt: w.claimExpiresAt,
    expired: w.expired,
    shipment:
      (w.status === 'SHIPPED' || w.status === 'DELIVERED') && w.carrier && w.trackingNumber
        ? { carrier: w.carrier, trackingNumber: w.trackingNumber }
        : null,
  }));
}
