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
import { LiveEditForm } from '@/components/console/changes/live-edit-form';
import { applyPatchToModel, modelOf, type LiveActivity } from '@/components/console/changes/live-edit-model';
import { requireConsolePage } from '../../../../_server/session';
import { editChangeAction, previewChangeAction, proposeChangeAction, simulateChangeAction } from '../actions';

export const metadata: Metadata = { title: 'Edit live' };

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
  const ctx = await requireConsolePage(tenant, 'OPERATOR');
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
    tiers: activity.tiers.map((t) => ({
      id: t.id,
      name: t.name,
      probability: t.probability,
      stock: t.stock,
      issued: t.issued,
      pacing: t.pacing,
    })),
    tasks: activity.tasks.map((t) => ({
      id: t.id,
      kind: t.kind,
      name: t.name,
      chances: t.chances,
      ...(t.perDay !== undefined ? { perDay: t.perDay } : {}),
      ...(t.total !== undefined ? { total: t.total } : {}),
    })),
  };
  const editable = activity.status === 'LIVE' || activity.status === 'PAUSED' || activity.status === 'SCHEDULED';
  const initial = change ? applyPatchToModel(modelOf(live), change.patch) : modelOf(live);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-600">
        <Link href={`/t/${slug}/changes`} className="hover:text-zinc-900 hover:underline">
          Changes
        </Link>{' '}
        <span aria-hidden>/</span>{' '}
        <Link href={`/t/${slug}/activities/${activity.id}/versions`} className="hover:text-zinc-900 hover:underline">
          {activity.name}
        </Link>{' '}
        <span aria-hidden>/</span> <span className="text-zinc-900">{change ? 'Edit change' : 'Edit live'}</span>
      </nav>
      <PageHeader
        title={change ? `Edit the change to ${activity.name}` : `Edit live: ${activity.name}`}
        description={`Version ${activity.configVersion} is in force. Change what you need, review the difference, and submit it as a change: it applies at once, or waits for the approvals the policy asks for.`}
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
          The activity is {activity.status.toLowerCase()}: only a scheduled, live or paused activity takes changes.
        </p>
      )}
    </div>
  );
}
