import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getActivityOrThrow } from '@/lib/activities/get-activity';
import { getChange } from '@/lib/activities/list-changes';
import { AppError } from '@/lib/errors';
import { pickQuery } from '@/lib/http/search-params';
import { canonicalId } from '@/lib/ids';
import { listPrizes } from '@/lib/prizes/get-prize';
import { PageHeader } from '@/components/console/page-header';
import { activityStatusLabels } from '@/components/console/activities/format';
import { getConsoleT } from '@/components/console/i18n-server';
import { LiveEditForm } from '@/components/console/changes/live-edit-form';
import { applyPatchToModel, modelOf, type LiveActivity } from '@/components/console/changes/live-edit-model';
import { requireConsolePage } from '../../../../_server/session';
import { editChangeAction, previewChangeAction, proposeChangeAction, simulateChangeAction } from '../actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Edit live') };
}

const Params = { activity: z.string().max(100), change: z.string().max(100) };
const PRIZES_LISTED = 200;

const notFoundOn = (err: unknown): never => {
  if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
  throw err;
};

export default async function EditLivePage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant }, raw] = await Promise.all([params, searchParams]);
  const [ctx, t] = await Promise.all([requireConsolePage(tenant, 'OPERATOR'), getConsoleT()]);
  const query = pickQuery(raw, Params);
  const activityId = canonicalId(query.activity) ?? notFound();
  const changeId = query.change !== undefined ? (canonicalId(query.change) ?? notFound()) : null;
  const [activity, change, prizes] = await Promise.all([
    getActivityOrThrow(ctx.tenantId, activityId).catch(notFoundOn),
    changeId ? getChange(ctx.tenantId, changeId).catch(notFoundOn) : null,
    listPrizes(ctx.tenantId, { limit: PRIZES_LISTED }),
  ]);
  if (change && change.activityId !== activityId) notFound();
  const slug = ctx.tenantSlug;
  const live: LiveActivity = {
    id: activity.id,
    name: activity.name,
    timezone: activity.timezone,
    startsAt: activity.startsAt,
    endsAt: activity.endsAt,
    ...(activity.claimWindowHours !== undefined && activity.claimWindowHours !== null
      ? { claimWindowHours: activity.claimWindowHours }
      : {}),
    materials: activity.materials,
    limits: activity.limits,
    tiers: activity.tiers.map((tier) => ({
      id: tier.id,
      name: tier.name,
      probability: tier.probability,
      stock: tier.stock,
      issued: tier.issued,
      pacing: tier.pacing,
    })),
    tasks: activity.tasks.map((task) => ({
      id: task.id,
      kind: task.kind,
      name: task.name,
      chances: task.chances,
      ...(task.perDay !== undefined ? { perDay: task.perDay } : {}),
      ...(task.total !== undefined ? { total: task.total } : {}),
    })),
  };
  const editable = activity.status === 'LIVE' || activity.status === 'PAUSED' || activity.status === 'SCHEDULED';
  const initial = change ? applyPatchToModel(modelOf(live), change.patch) : modelOf(live);

  return (
    <div className="space-y-6">
      <nav aria-label={t('Breadcrumb')} className="text-sm text-zinc-600">
        <Link href={`/t/${slug}/changes`} className="hover:text-zinc-900 hover:underline">
          {t('Changes')}
        </Link>{' '}
        <span aria-hidden>/</span>{' '}
        <Link href={`/t/${slug}/activities/${activity.id}/versions`} className="hover:text-zinc-900 hover:underline">
          {activity.name}
        </Link>{' '}
        <span aria-hidden>/</span> <span className="text-zinc-900">{change ? t('Edit change') : t('Edit live')}</span>
      </nav>
      <PageHeader
        title={
          change
            ? t('Edit the change to {name}', { name: activity.name })
            : t('Edit live: {name}', { name: activity.name })
        }
        description={t(
          'Version {version} is in force. Change what you need, review the difference, and submit it as a change: it applies at once, or waits for the approvals the policy asks for.',
          { version: String(activity.configVersion) },
        )}
      />
      {editable ? (
        <LiveEditForm
          tenantSlug={slug}
          activity={live}
          initial={initial}
          prizes={prizes.items.map((p) => ({ id: p.id, name: p.name }))}
          {...(change ? { editing: { id: change.id, reason: change.reason } } : {})}
          preview={previewChangeAction.bind(null, slug, activity.id)}
          submit={
            change ? editChangeAction.bind(null, slug, change.id) : proposeChangeAction.bind(null, slug, activity.id)
          }
          simulate={simulateChangeAction.bind(null, slug)}
        />
      ) : (
        <p className="text-sm text-zinc-600">
          {t('The activity is {status}: only a scheduled, live or paused activity takes changes.', {
            status: activityStatusLabels[activity.status]
              ? t(activityStatusLabels[activity.status]!).toLowerCase()
              : activity.status.toLowerCase(),
          })}
        </p>
      )}
    </div>
  );
}
