// What the H5 play and rules pages render before the user is known. The page URL carries only
// the activity id (the user token arrives later, in the fragment or by postMessage, and never
// reaches the server with the page request), so the activity's own tenant is looked up here:
// the public view is what every end user of that tenant may read anyway, and the API calls
// the page makes next are checked against the token's tenant as usual. With it come the
// tenant's host app origins: who may frame the page and post it a token.
import { db } from '../db';
import { config } from '../config';
import { isUuid } from '../ids';
import { AppError } from '../errors';
import { getPublicActivity } from '../activities/get-public-activity';
import { mintUserToken } from '../auth/user-token';

export type PublicActivity = Awaited<ReturnType<typeof getPublicActivity>>;
export type PlayView = PublicActivity & { hostAppOrigins: string[] };

/**
 * The activity's public view with its texts in `locale` where it has them. With `previewOf` (the
 * tenant a preview token names) a draft is found too, and no host app may frame or feed it.
 */
export async function getPlayView(
  activityId: string,
  locale?: string,
  { previewOf }: { previewOf?: string } = {},
): Promise<PlayView | null> {
  if (previewOf) {
    const languages = locale ? [locale] : [];
    const view = await getPublicActivity(previewOf, activityId, { languages, draft: true }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    });
    return view ? { ...view, hostAppOrigins: [] } : null;
  }
  const owner = isUuid(activityId)
    ? await db.activity.findFirst({
        where: { id: activityId, status: { not: 'DRAFT' } },
        select: { tenantId: true, tenant: { select: { hostAppOrigins: true } } },
      })
    : null;
  if (!owner) return null;
  const languages = locale ? [locale] : [];
  return {
    ...(await getPublicActivity(owner.tenantId, activityId, { languages })),
    hostAppOrigins: owner.tenant.hostAppOrigins,
  };
}

export const DEMO_USERS = ['alice', 'bob', 'carol'] as const;

/**
 * Demo only (DEMO_USER_PICKER, set by scripts/demo.sh): short-lived tokens for a few demo
 * users of the activity's tenant, so the page can be tried without a host app. Off by default.
 */
export async function demoTokens(activityId: string): Promise<{ userId: string; token: string }[] | null> {
  if (!config().DEMO_USER_PICKER || !isUuid(activityId)) return null;
  const a = await db.activity.findFirst({
    where: { id: activityId },
    select: { tenant: { select: { slug: true, userTokenSecret: true } } },
  });
  if (!a) return null;
  return Promise.all(
    DEMO_USERS.map(async (userId) => ({
      userId,
      token: await mintUserToken(a.tenant.userTokenSecret, { tenantSlug: a.tenant.slug, userId }, 3600),
    })),
  );
}
