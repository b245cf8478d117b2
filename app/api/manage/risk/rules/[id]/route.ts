// PATCH /api/manage/risk/rules/{id} – switch a rule on or off, or change its action; DELETE – remove it
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { deleteRiskRule, updateRiskRule } from '@/lib/risk/manage-risk';
import { PatchRiskRule } from '@/lib/risk/schemas';
import { otherMethods } from '@/lib/http/other-methods';

export const PATCH = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(await updateRiskRule(tenantId, actor, params.id!, await readJson(req, PatchRiskRule))),
);

export const DELETE = withApiKey(async ({ params, tenantId, actor }) => {
  await deleteRiskRule(tenantId, actor, params.id!);
  return new Response(null, { status: 204 });
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, POST, PUT } = otherMethods({ PATCH, DELETE });
