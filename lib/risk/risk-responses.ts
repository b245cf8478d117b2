// What the risk endpoints answer (the OpenAPI document's schemas are generated from these).
import { z } from 'zod';
import { AnyJson, page, Time, Uuid } from '../validation/response-fields';

export const RiskRuleResponse = z.object({
  id: Uuid,
  kind: z.string(),
  action: z.string(),
  params: z.record(z.string(), z.number()),
  enabled: z.boolean(),
  activityId: Uuid.nullable(),
  activityName: z.string().nullable(),
  createdAt: Time,
});
export type RiskRuleResponse = z.output<typeof RiskRuleResponse>;

export const RiskRulesResponse = z.object({ items: z.array(RiskRuleResponse) });

export const RiskListResult = z.object({
  action: z.enum(['add', 'remove']),
  changed: z.int().meta({ description: 'values added, or taken off' }),
});

export const RiskEventResponse = z.object({
  id: z.string(),
  createdAt: Time,
  activityId: Uuid.nullable(),
  ruleId: Uuid.nullable(),
  kind: z.string(),
  action: z.string(),
  userId: z.string().nullable(),
  deviceId: z.string().nullable(),
  ip: z.string().nullable(),
  drawId: Uuid.nullable(),
  detail: AnyJson,
});
export type RiskEventResponse = z.output<typeof RiskEventResponse>;

export const RiskEventPage = page(RiskEventResponse);
