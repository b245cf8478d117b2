// Draw records rebuilt from the rows, for when Redis no longer holds them (a rebuild restores
// the idempotent results of recent draws; a conflicting key answers with the older draw).
import { Prisma } from '@/generated/prisma/client';
import type { db } from '../db';
import { recordFromRow, type DrawRecord, type DrawRowForRecord } from './draw-record';

type Queryable = Pick<typeof db, '$queryRaw'>;

export async function loadDrawRecords(
  client: Queryable,
  where: Prisma.Sql,
): Promise<{ record: DrawRecord; createdAt: Date }[]> {
  const rows = await client.$queryRaw<DrawRowForRecord[]>`
    SELECT d.id::text, d."userId", d."idempotencyKey", d."tierId"::text AS "tierId", d."chanceKind"::text AS "chanceKind",
           d."createdAt", d."chancesLeft", d.ip, d."deviceId",
           string_agg(w."prizeId"::text || ':' || w.quantity || ':' || w.id::text, ';' ORDER BY w."prizeId") AS pz,
           (SELECT json_object_agg(c."prizeId", c.codes) FROM (
              SELECT cc."prizeId"::text AS "prizeId", json_agg(cc.code ORDER BY cc."createdAt", cc.id) AS codes
              FROM "CouponCode" cc JOIN "Win" cw ON cw.id = cc."winId" WHERE cw."drawId" = d.id GROUP BY cc."prizeId"
            ) c) AS cd
    FROM "Draw" d LEFT JOIN "Win" w ON w."drawId" = d.id
    WHERE ${where}
    GROUP BY d.id`;
  return rows.map((row) => ({ record: recordFromRow(row), createdAt: row.createdAt }));
}

export const drawById = (drawId: string) => Prisma.sql`d.id = ${drawId}::uuid`;
export const drawsSince = (activityId: string, since: Date) =>
  Prisma.sql`d."activityId" = ${activityId}::uuid AND d."createdAt" > ${since}`;
