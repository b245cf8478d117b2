// A tenant's risk state in Redis: one hash tag per tenant, so the risk script's keys share a slot.
import { config } from '../config';

export function riskPrefix(tenantId: string): string {
  return `${config().REDIS_PREFIX}:{risk:${tenantId}}`;
}

export function riskKeys(tenantId: string) {
  const p = riskPrefix(tenantId);
  return {
    prefix: p,
    rules: `${p}:rules`,
    list: (kind: 'user' | 'device' | 'ip') => `${p}:bl:${kind}`,
  };
}
