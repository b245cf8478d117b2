// PATCH /api/manage/activities/{id}/tiers/{tierId} – change odds or tier stock, also while live
import { patchTier } from '@/lib/activities/patch-tier';
import { PatchTier } from '@/lib/activities/schemas';
import { withApiKey } from '@/lib/http/handlers';
import { readJson } from '@/lib/http/read-json';

export const PATCH = withApiKey(async ({ req, params, tenantId, actor }) =>
  Response.json(await patchTier(tenantId, actor, params.id!, params.tierId!, await readJson(req, PatchTier))),
);
