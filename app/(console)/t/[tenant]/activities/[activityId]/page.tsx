import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { toActivityDto } from '@/lib/activities/activity-dto';
import { toActivitySpec } from '@/lib/activities/activity-spec';
import { getActivityRowOrThrow } from '@/lib/activities/get-activity';
import { publishChecklist } from '@/lib/activities/publish-checklist';
import { AppError } from '@/lib/errors';
import { canonicalId } from '@/lib/ids';
import { config } from '@/lib/config';
import { mintPreviewToken, PHONE_PREVIEW_TOKEN_SECONDS } from '@/lib/h5/preview-token';
import { PlayLinks } from '@/components/console/activities/play-links';
import { listPrizes } from '@/lib/prizes/get-prize';
import { buttonClasses } from '@/components/ui/button-classes';
import { PageHeader } from '@/components/console/page-header';
import { ActivityEditor } from '@/components/console/activities/activity-editor';
import { ActivitySummary } from '@/components/console/activities/activity-summary';
import { formatPeriod } from '@/components/console/activities/format';
import { LifecycleButtons } from '@/components/console/activities/lifecycle-buttons';
import { Simulator } from '@/components/console/activities/simulator';
import { FairnessPanel } from '@/components/console/activities/fairness-panel';
import { getActivityFairness } from '@/lib/fairness/get-activity-fairness';
import { ActivityStatusBadge } from '@/components/console/activities/status-badge';
import { getConsoleT } from '@/components/console/i18n-server';
import { requireConsolePage } from '../../../../_server/session';
import {
  changeStatusAction,
  publishAction,
  saveAsTemplateAction,
  saveDraftFieldsAction,
  simulateAction,
  verifyFairnessAction,
} from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Activity') };
}

const PRIZE_CHOICES = 200;

export default async function ActivityPage({ params }: { params: Promise<{ tenant: string; activityId: string }> }) {
  const { tenant, activityId: given } = await params;
  const [ctx, t] = await Promise.all([requireConsolePage(tenant), getConsoleT()]);
  const activityId = canonicalId(given) ?? notFound();
  const row = await getActivityRowOrThrow(ctx.tenantId, activityId).catch((err) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const activity = toActivityDto(row);
  const canEdit = roleAtLeast(ctx.role, 'OPERATOR');
  const editing = canEdit && activity.status === 'DRAFT';
  const base = `/t/${ctx.tenantSlug}/activities`;
  const [prizes, checklist] = editing
    ? await Promise.all([listPrizes(ctx.tenantId, { limit: PRIZE_CHOICES }), publishChecklist(ctx.tenantId, row)])
    : [null, null];
  const fairness = activity.status !== 'DRAFT' ? await getActivityFairness(ctx.tenantId, activity.id) : null;
  // The draft's play page beside the editor, and the links a phone opens (absolute: a QR code leaves the site).
  const previewToken = mintPreviewToken({ tenantId: ctx.tenantId, activityId: activity.id });
  const previewSrc = `/play/${activity.id}/preview?token=${previewToken}`;
  const site = config().publicUrl.replace(/\/$/, '');
  const phoneToken = mintPreviewToken({ tenantId: ctx.tenantId, activityId: activity.id }, PHONE_PREVIEW_TOKEN_SECONDS);
  const playLinks = (
    <PlayLinks
      playUrl={`${site}/play/${activity.id}`}
      phonePreviewUrl={`${site}/play/${activity.id}/preview?token=${phoneToken}`}
    />
  );
  const timezones = [...new Set(['UTC', activity.timezone, ...Intl.supportedValuesOf('timeZone')])].sort();

  return (
    <div className="space-y-6">
      <nav aria-label={t('Breadcrumb')} className="text-sm text-zinc-600">
        <Link href={base} className="hover:text-zinc-900 hover:underline">
          {t('Activities')}
        </Link>{' '}
        <span aria-hidden>/</span> <span className="text-zinc-900">{activity.name}</span>
      </nav>
      <PageHeader
        title={activity.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ActivityStatusBadge status={activity.status} />
            <span>
              {formatPeriod(activity.startsAt, activity.endsAt, activity.timezone, t.locale)} · {activity.timezone}
            </span>
          </span>
        }
        actions={
          <>
            {canEdit && activity.status !== 'DRAFT' && activity.status !== 'ENDED' ? (
              <LifecycleButtons
                name={activity.name}
                status={activity.status}
                changeStatus={changeStatusAction.bind(null, ctx.tenantSlug, activity.id)}
              />
            ) : null}
            <a href={`${base}/${activity.id}/spec.json`} download className={buttonClasses('secondary')}>
              {t('Export JSON')}
            </a>
            {activity.status !== 'DRAFT' ? (
              <Link href={`${base}/${activity.id}/versions`} className={buttonClasses('secondary')}>
                {t('Versions')}
              </Link>
            ) : null}
            {activity.status !== 'DRAFT' ? (
              <Link href={`${base}/${activity.id}/dashboard`} className={buttonClasses('primary')}>
                {t('Live dashboard')}
              </Link>
            ) : null}
          </>
        }
      />
      {editing ? (
        <ActivityEditor
          tenantSlug={ctx.tenantSlug}
          initial={toActivitySpec(activity)}
          initialVersion={row.version}
          initialChecklist={checklist!}
          prizes={prizes!.items.map((p) => ({
            id: p.id,
            name: p.name,
            kind: p.kind,
            value: p.value,
            available: p.stock.available,
          }))}
          timezones={timezones}
          saveDraft={saveDraftFieldsAction.bind(null, ctx.tenantSlug, activity.id)}
          publish={publishAction.bind(null, ctx.tenantSlug, activity.id)}
          saveAsTemplate={saveAsTemplateAction.bind(null, ctx.tenantSlug, activity.id)}
          previewSrc={previewSrc}
          playLinks={playLinks}
        />
      ) : (
        <ActivitySummary
          activity={activity}
          dashboardHref={`${base}/${activity.id}/dashboard`}
          readOnlyReason={canEdit ? undefined : t('You have read-only access (Analyst).')}

          previewSrc={previewSrc}
          playLinks={playLinks}
        />
      )}
      {fairness ? (
        <FairnessPanel
          fairness={fairness}
          timezone={activity.timezone}
          verify={verifyFairnessAction.bind(null, ctx.tenantSlug, activity.id)}
        />
      ) : null}
      {activity.status !== 'ENDED' ? (
        <Simulator simulate={simulateAction.bind(null, ctx.tenantSlug, activity.id)} timezone={activity.timezone} />
      ) : null}
    </div>
  );
}
