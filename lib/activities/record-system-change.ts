// What the system does to a live activity by itself, beside the configuration (the odds-drift
// alarm pausing it), shown in the activity's change history as an applied change of no field of
// the spec: its diff names the status it moved, its reason says why, its proposer is the SYSTEM
// actor. Written in the transaction that moves the status, so one never stands without the other.
import type { Prisma } from '@/generated/prisma/client';
import type { ChangeDiff } from './change-diff';
import { changeHash } from './propose-change';

type Tx = Prisma.TransactionClient;

export async function recordSystemChange(
  tx: Tx,
  {
    activityId,
    actorId,
    status,
    reason,
  }: { activityId: string; actorId: string; status: { before: string; after: string }; reason: string },
): Promise<void> {
  const a = await tx.activity.findUniqueOrThrow({
    where: { id: activityId },
    select: { tenantId: true, configVersion: true },
  });
  const diff: ChangeDiff = {
    entries: [{ kind: 'status', path: 'status', before: status.before, after: status.after }],
    scopes: [],
    cost: [],
  };
  const now = new Date();
  await tx.change.create({
    data: {
      tenantId: a.tenantId,
      activityId,
      baseVersion: a.configVersion,
      patch: {},
      hash: changeHash({ activityId, baseVersion: a.configVersion, patch: {} as never, applyAt: now }),
      diff: diff as unknown as Prisma.InputJsonValue,
      status: 'APPLIED',
      appliedVersion: a.configVersion,
      appliedAt: now,
      reason,
      proposerType: 'SYSTEM',
      proposerId: actorId,
      proposerIdentity: `system:${actorId}`,
    },
  });
}
