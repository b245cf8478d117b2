// GET /api/manage/risk/rules – the tenant's risk rules; POST – add one (as the console's Risk page)
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { createRiskRule, getRiskRuleOrThrow, listRiskRules } from '@/lib/risk/manage-risk';
import { RiskRuleSpec } from '@/lib/risk/schemas';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ tenantId }) => Response.json({ items: await listRiskRules(tenantId) }));

export const POST = withApiKey(async ({ req, tenantId, actor }) => {
  const rule = await createRiskRule(tenantId, actor, await readJson(req, RiskRuleSpec));
  return Response.json(await getRiskRuleOrThrow(tenantId, rule.id), { status: 201 });
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, PUT, PATCH, DELETE } = otherMethods({ GET, POST });
