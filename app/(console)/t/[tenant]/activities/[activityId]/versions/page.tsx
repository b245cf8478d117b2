import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { compareVersions } from '@/lib/activities/compare-versions';
import { listConfigVersions } from '@/lib/activities/config-versions';
import { getActivityOrThrow } from '@/lib/activities/get-activity';
import { listChanges } from '@/lib/activities/list-changes';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { AppError } from '@/lib/errors';
import { pickQuery } from '@/lib/http/search-params';
import { canonicalId } from '@/lib/ids';
import { buttonClasses } from '@/components/ui/button-classes';
import { PageHeader } from '@/components/console/page-header';
import { ComparePicker } from '@/components/console/versions/compare-picker';
import { RestoreVersionButton } from '@/components/console/versions/restore-version-button';
import { ChangesTable } from '@/components/console/versions/changes-table';
import { VersionDiff } from '@/components/console/versions/version-diff';
import { VersionTimeline } from '@/components/console/versions/version-timeline';
import { getConsoleT } from '@/components/console/i18n-server';
import { requireConsolePage } from '../../../../../_server/session';
import { restoreVersionAction } from '../../../changes/actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Versions') };
}

// ?from=&to=: the two versions compared; values that do not parse are dropped.
const Params = {
  from: z.coerce.number().int().min(1).max(2_147_483_647),
  to: z.coerce.number().int().min(1).max(2_147_483_647),
};

export default async function VersionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; activityId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant, activityId: given }, raw] = await Promise.all([params, searchParams]);
  const [ctx, t] = await Promise.all([requireConsolePage(tenant), getConsoleT()]);
  const activityId = canonicalId(given) ?? notFound();
  const activity = await getActivityOrThrow(ctx.tenantId, activityId).catch((err) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const [versions, changes] = await Promise.all([
    listConfigVersions(ctx.tenantId, activityId),
    listChanges(ctx.tenantId, { activityId, limit: 50 }),
  ]);
  const latest = versions.at(-1)?.version ?? 0;
  const query = pickQuery(raw, Params);
  const to = query.to !== undefined && query.to <= latest ? query.to : latest;
  const from = query.from !== undefined && query.from <= latest ? query.from : Math.max(1, to - 1);
  const comparison = latest >= 1 && from !== to ? await compareVersions(ctx.tenantId, activityId, { from, to }) : null;
  const base = `/t/${ctx.tenantSlug}/activities/${activityId}`;
  const canChange = roleAtLeast(ctx.role, 'OPERATOR');
  const live = activity.status === 'LIVE' || activity.status === 'PAUSED' || activity.status === 'SCHEDULED';

  return (
    <div className="space-y-6">
      <nav aria-label={t('Breadcrumb')} className="text-sm text-zinc-600">
        <Link href={`/t/${ctx.tenantSlug}/activities`} className="hover:text-zinc-900 hover:underline">
          {t('Activities')}
        </Link>{' '}
        <span aria-hidden>/</span>{' '}
        <Link href={base} className="hover:text-zinc-900 hover:underline">
          {activity.name}
        </Link>{' '}
        <span aria-hidden>/</span> <span className="text-zinc-900">{t('Versions')}</span>
      </nav>
      <PageHeader
        title={t('Versions')}
        description={t(
          'Every configuration this activity has run with, and the changes proposed to it. Draws record the version that decided them.',
        )}
        actions={
          canChange && live ? (
            <Link href={`/t/${ctx.tenantSlug}/changes/new?activity=${activityId}`} className={buttonClasses('primary')}>
              {t('Edit live')}
            </Link>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <VersionTimeline
          versions={versions}
          base={`${base}/versions`}
          from={from}
          to={to}
          restore={
            canChange && live
              ? (version) => (
                  <RestoreVersionButton
                    version={version}
                    tenantSlug={ctx.tenantSlug}
                    restore={restoreVersionAction.bind(null, ctx.tenantSlug, activityId, version)}
                  />
                )
              : undefined
          }
        />
        <div className="space-y-4">
          {latest > 1 ? (
            <ComparePicker versions={versions.map((v) => v.version)} from={from} to={to} action={`${base}/versions`} />
          ) : null}
          <VersionDiff comparison={comparison} versions={latest} />
        </div>
      </div>
      <ChangesTable changes={changes} />
    </div>
  );
}
