// POST /api/manage/risk/lists – add values to a blacklist (user, device, ip) or take them off
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { changeRiskList } from '@/lib/risk/manage-risk';
import { RISK_LIST_BODY_BYTES, RiskListChange } from '@/lib/risk/schemas';
import { otherMethods } from '@/lib/http/other-methods';

export const POST = withApiKey(async ({ req, tenantId, actor }) =>
  Response.json(await changeRiskList(tenantId, actor, await readJson(req, RiskListChange, RISK_LIST_BODY_BYTES))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, PUT, PATCH, DELETE } = otherMethods({ POST });
