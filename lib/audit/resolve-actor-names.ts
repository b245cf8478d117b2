import { db } from '../db';
import { isUuid } from '../ids';

export type ActorName = { name: string; detail: string };

/**
 * Names for the operators and API keys that acted, looked up within this tenant only.
 * Keyed "<actorType>:<actorId>"; system actors and unknown ids have no entry.
 */
export async function resolveActorNames(
  tenantId: string,
  rows: { actorType: string; actorId: string | null }[],
): Promise<Map<string, ActorName>> {
  const idsOf = (type: string) => [
    ...new Set(rows.filter((r) => r.actorType === type && r.actorId && isUuid(r.actorId)).map((r) => r.actorId!)),
  ];
  const operatorIds = idsOf('OPERATOR');
  const apiKeyIds = idsOf('API_KEY');
  const [operators, apiKeys] = await Promise.all([
    operatorIds.length
      ? db.operator.findMany({
          where: { id: { in: operatorIds }, memberships: { some: { tenantId } } },
          select: { id: true, name: true, email: true },
        })
      : [],
    apiKeyIds.length
      ? db.apiKey.findMany({
          where: { tenantId, id: { in: apiKeyIds } },
          select: { id: true, name: true, prefix: true },
        })
      : [],
  ]);
  return new Map<string, ActorName>([
    ...operators.map((o) => [`OPERATOR:${o.id}`, { name: o.name, detail: o.email }] as const),
    ...apiKeys.map((k) => [`API_KEY:${k.id}`, { name: k.name, detail: `${k.prefix}…` }] as const),
  ]);
}
