// A console session is a signed JWT cookie, which the server cannot delete. Each carries the
// operator's session epoch from when it was signed; a password reset bumps the epoch, so every
// session signed before it stops being accepted at its next request.
import { db } from '../db';

export async function isSessionEpochCurrent(operatorId: string, epoch: unknown): Promise<boolean> {
  const operator = await db.operator.findUnique({ where: { id: operatorId }, select: { sessionEpoch: true } });
  // Sessions signed before epochs existed carry none: they count as epoch 0.
  return operator !== null && operator.sessionEpoch === (typeof epoch === 'number' ? epoch : 0);
}
