// PATCH /api/manage/activities/{id}/tiers/{tierId} – change odds or tier stock, also while live;
// 202 with the pending change when the tenant's approval policy covers it
import { patchTierOrPropose } from '@/lib/activities/patch-tier-or-propose';
import { PatchTier } from '@/lib/activities/schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const PATCH = withApiKey(async ({ req, params, tenantId, actor }) => {
  const { status, body } = await patchTierOrPropose(tenantId, actor, {
    activityId: params.id!,
    tierId: params.tierId!,
    patch: await readJson(req, PatchTier),
  });
  return Response.json(body, { status });
});

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, POST, PUT, DELETE } = otherMethods({ PATCH });
