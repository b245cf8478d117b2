// GET | PUT /api/manage/settings/approvals – the tenant's approval policy for live changes
import { getApprovalPolicy, setApprovalPolicy } from '@/lib/activities/approval-policy';
import { ApprovalPolicyInput } from '@/lib/activities/change-schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const GET = withApiKey(async ({ tenantId }) => Response.json(await getApprovalPolicy(tenantId)));

export const PUT = withApiKey(async ({ req, tenantId, actor }) =>
  Response.json(await setApprovalPolicy(tenantId, actor, await readJson(req, ApprovalPolicyInput))),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, POST, PATCH, DELETE } = otherMethods({ GET, PUT });
