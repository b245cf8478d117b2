// PATCH /api/manage/activities/{id}/tiers/{tierId} – change odds or tier stock, also while live
import { patchTier } from '@/lib/activities/patch-tier';
import { PatchTier } from '@/lib/activities/schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';
import { otherMethods } from '@/lib/http/other-methods';

export const PATCH = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(
    await patchTier(tenantId, actor, {
      activityId: params.id!,
      tierId: params.tierId!,
      patch: await readJson(req, PatchTier),
    }),
  ),
);

// Every other method: 405 in the API's error shape, with Allow (lib/http/other-methods.ts)
export const { HEAD, OPTIONS, GET, POST, PUT, DELETE } = otherMethods({ PATCH });
