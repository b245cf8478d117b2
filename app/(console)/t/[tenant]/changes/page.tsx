import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { actorIdentity } from '@/lib/activities/change-actors';
import { getActivityOrThrow } from '@/lib/activities/get-activity';
import { listChanges } from '@/lib/activities/list-changes';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { pickQuery } from '@/lib/http/search-params';
import { listMembers } from '@/lib/tenancy/list-members';
import { EmptyState } from '@/components/console/empty-state';
import { PageHeader } from '@/components/console/page-header';
import { ChangeCard } from '@/components/console/changes/change-card';
import { ChangeReviewActions } from '@/components/console/changes/change-review-actions';
import { ChangeSimulation } from '@/components/console/changes/change-simulation';
import { CHANGE_STATUSES, changeStatusLabels, isOpenChange } from '@/components/console/changes/change-status';
import { getConsoleT } from '@/components/console/i18n-server';
import { ChangesIcon } from '@/components/console/changes/changes-icon';
import { requireConsolePage } from '../../../_server/session';
import {
  approveChangeAction,
  cancelChangeAction,
  rebaseChangeAction,
  rejectChangeAction,
  simulateChangeAction,
} from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Changes') };
}

const SHOWN = 100;
const Params = { status: z.enum(CHANGE_STATUSES) };
// Waiting ones first (what an approver is here for), then the ones that need a rebase.
const rank: Record<string, number> = { PENDING: 0, SCHEDULED: 1, CONFLICT: 2 };

export default async function ChangesPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant }, raw] = await Promise.all([params, searchParams]);
  const [ctx, t] = await Promise.all([requireConsolePage(tenant), getConsoleT()]);
  const { status } = pickQuery(raw, Params);
  const [changes, members, me] = await Promise.all([
    listChanges(ctx.tenantId, { limit: SHOWN, ...(status ? { status } : {}) }),
    listMembers(ctx.tenantId),
    actorIdentity(ctx.tenantId, ctx.actor),
  ]);
  changes.sort((a, b) => (rank[a.status] ?? 3) - (rank[b.status] ?? 3));
  const activities = new Map(
    await Promise.all(
      [...new Set(changes.map((c) => c.activityId))].map(
        async (id) => [id, await getActivityOrThrow(ctx.tenantId, id)] as const,
      ),
    ),
  );
  const names = new Map(members.map((m) => [`operator:${m.operatorId}`, m.name || m.email]));
  const identities = new Map<string, string>();
  const identityOf = async (by: { type: string; id: string | null }) => {
    const key = `${by.type}:${by.id}`;
    if (!identities.has(key)) {
      const actor = { type: by.type, id: by.id ?? '' } as typeof ctx.actor;
      identities.set(key, await actorIdentity(ctx.tenantId, actor));
    }
    return identities.get(key)!;
  };
  const canReview = roleAtLeast(ctx.role, 'OPERATOR');
  const slug = ctx.tenantSlug;

  const cards = await Promise.all(
    changes.map(async (c) => {
      const activity = activities.get(c.activityId)!;
      const proposerIdentity = await identityOf(c.proposedBy);
      const approvers = await Promise.all(c.approvals.map((a) => identityOf(a.by)));
      const proposerName = names.get(proposerIdentity) ?? t('an API key');
      const proposer =
        c.proposedBy.type === 'API_KEY' && names.has(proposerIdentity)
          ? t('{name} (API key)', { name: proposerName })
          : proposerName;
      const prizeNames = Object.fromEntries(
        activity.tiers.flatMap((tier) => tier.prizes.map((p) => [p.prizeId, p.name])),
      );
      return {
        c,
        activity,
        proposer,
        prizeNames,
        isProposer: proposerIdentity === me,
        approvedByMe: approvers.includes(me),
      };
    }),
  );

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('Changes')}
        description={t(
          'Changes proposed to live activities, waiting ones first. A change applies once it has the approvals the policy in Settings asks for.',
        )}
      />
      <nav aria-label={t('Filter by status')} className="flex flex-wrap gap-1.5 text-sm">
        {[undefined, ...CHANGE_STATUSES].map((s) => (
          <Link
            key={s ?? 'all'}
            href={s ? `/t/${slug}/changes?status=${s}` : `/t/${slug}/changes`}
            aria-current={s === status ? 'page' : undefined}
            className={`rounded-md px-2.5 py-1 font-medium ${
              s === status ? 'bg-zinc-900 text-white' : 'text-zinc-700 hover:bg-zinc-100'
            }`}
          >
            {s ? t(changeStatusLabels[s]) : t('All')}
          </Link>
        ))}
      </nav>
      {cards.length === 0 ? (
        <EmptyState
          icon={ChangesIcon}
          title={
            status
              ? t('No {status} change', { status: t(changeStatusLabels[status]).toLowerCase() })
              : t('No change yet')
          }
        >
          {t(
            'Changes appear here when someone edits a live activity (Edit live on its Versions tab), adjusts a tier on the dashboard under an approval policy, or proposes one through the API.',
          )}
        </EmptyState>
      ) : (
        <div className="space-y-5">
          {cards.map(({ c, activity, proposer, prizeNames, isProposer, approvedByMe }) => (
            <ChangeCard
              key={c.id}
              change={c}
              activity={{ id: activity.id, name: activity.name, href: `/t/${slug}/activities/${activity.id}/versions` }}
              proposer={proposer}
              prizeNames={prizeNames}
              simulation={
                canReview && (isOpenChange(c.status) || c.status === 'CONFLICT') ? (
                  <ChangeSimulation tenantSlug={slug} run={simulateChangeAction.bind(null, slug, { changeId: c.id })} />
                ) : null
              }
              actions={
                canReview ? (
                  <ChangeReviewActions
                    tenantSlug={slug}
                    status={c.status}
                    isProposer={isProposer}
                    approvedByMe={approvedByMe}
                    editHref={`/t/${slug}/changes/new?activity=${c.activityId}&change=${c.id}`}
                    prizeNames={prizeNames}
                    approve={approveChangeAction.bind(null, slug, c.id)}
                    reject={rejectChangeAction.bind(null, slug, c.id)}
                    cancel={cancelChangeAction.bind(null, slug, c.id)}
                    rebase={rebaseChangeAction.bind(null, slug, c.id)}
                  />
                ) : null
              }
            />
          ))}
        </div>
      )}
    </div>
  );
}
