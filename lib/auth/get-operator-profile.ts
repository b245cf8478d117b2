// The signed-in operator's display identity for the console header. Operators are not
// tenant-owned (one operator may belong to several tenants), so this is keyed by id only.
import { db } from '../db';

export type OperatorProfile = { id: string; name: string; email: string };

export async function getOperatorProfile(operatorId: string): Promise<OperatorProfile | null> {
  return db.operator.findUnique({ where: { id: operatorId }, select: { id: true, name: true, email: true } });
}
