import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { AppError } from '@/lib/errors';
import { canonicalId } from '@/lib/ids';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { LiveDashboard } from '@/components/console/dashboard/live-dashboard';
import { getConsoleT } from '@/components/console/i18n-server';
import { requireConsolePage } from '../../../../../_server/session';
import { acknowledgeAlertAction } from '../../../alerts-actions';
import { adjustTierAction, changeStatusAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Live dashboard') };
}

export default async function ActivityDashboardPage({
  params,
}: {
  params: Promise<{ tenant: string; activityId: string }>;
}) {
  const { tenant, activityId: given } = await params;
  const ctx = await requireConsolePage(tenant);
  const activityId = canonicalId(given) ?? notFound();
  const data = await getDashboardData(ctx.tenantId, activityId, { viewer: ctx }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const canChange = roleAtLeast(ctx.role, 'OPERATOR');
  return (
    <LiveDashboard
      initial={data}
      dataUrl={`/t/${ctx.tenantSlug}/activities/${data.activity.id}/dashboard/data`}
      activitiesHref={`/t/${ctx.tenantSlug}/activities`}
      actions={
        canChange
          ? {
              adjustTier: adjustTierAction.bind(null, ctx.tenantSlug, data.activity.id),
              changeStatus: changeStatusAction.bind(null, ctx.tenantSlug, data.activity.id),
              acknowledgeAlert: acknowledgeAlertAction.bind(null, ctx.tenantSlug),
            }
          : null
      }
    />
  );
}
