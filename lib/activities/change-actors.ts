// Who a change's proposer and approvers count as. An API key acts for the operator who created
// it, so an operator cannot approve their own change through a key, nor count twice by using two.
// A key no operator created (minted by the CLI) counts as itself.
import type { Actor } from '../audit/write-audit-log';
import { db } from '../db';

export async function actorIdentity(tenantId: string, actor: Actor): Promise<string> {
  if (actor.type === 'OPERATOR') return `operator:${actor.id}`;
  if (actor.type === 'SYSTEM') return `system:${actor.id}`;
  const key = await db.apiKey.findFirst({ where: { id: actor.id, tenantId }, select: { createdById: true } });
  return key?.createdById ? `operator:${key.createdById}` : `api-key:${actor.id}`;
}
