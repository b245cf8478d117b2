import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { ACTIVITY_STATUSES, listActivities } from '@/lib/activities/list-activities';
import { text } from '@/lib/validation/text';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { buttonClasses } from '@/components/ui/button-classes';
import { EmptyState } from '@/components/console/empty-state';
import { AlertIcon, CalendarIcon } from '@/components/console/icons';
import { PageHeader } from '@/components/console/page-header';
import { ActivityFilterForm } from '@/components/console/activities/activity-filter-form';
import { ActivityRowActions } from '@/components/console/activities/activity-row-actions';
import { formatPeriod, formatRate, gameplayLabels } from '@/components/console/activities/format';
import { getConsoleT } from '@/components/console/i18n-server';
import { NewActivityButtons } from '@/components/console/activities/new-activity-buttons';
import { listTenantTemplates } from '@/lib/activities/tenant-templates';
import { ActivityStatusBadge } from '@/components/console/activities/status-badge';
import { requireConsolePage } from '../../../_server/session';
import {
  archiveAction,
  createDraftAction,
  createFromTemplateAction,
  deleteDraftAction,
  duplicateAction,
  importSpecAction,
} from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Activities') };
}

const Filters = z.object({
  status: z.enum(ACTIVITY_STATUSES).optional().catch(undefined),
  q: text({ max: 120 }).optional().catch(undefined),
  archived: z.literal('1').optional().catch(undefined),
});

export default async function ActivitiesPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant }, raw] = await Promise.all([params, searchParams]);
  const [ctx, t] = await Promise.all([requireConsolePage(tenant), getConsoleT()]);
  const filters = Filters.parse({
    status: typeof raw.status === 'string' && raw.status ? raw.status : undefined,
    q: typeof raw.q === 'string' && raw.q.trim() ? raw.q : undefined,
    archived: raw.archived,
  });
  const archived = filters.archived === '1';
  const items = await listActivities(ctx.tenantId, { status: filters.status, search: filters.q, archived });
  const filtered = Boolean(filters.status || filters.q || archived);
  const canEdit = roleAtLeast(ctx.role, 'OPERATOR');
  const tenantTemplates = canEdit ? await listTenantTemplates(ctx.tenantId) : [];
  const base = `/t/${ctx.tenantSlug}/activities`;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('Activities')}
        description={t(
          'Draw campaigns your users play in the host app: a wheel, grid or scratch card with prize tiers, odds, stock and tasks.',
        )}
        actions={
          canEdit ? (
            <NewActivityButtons
              tenantSlug={ctx.tenantSlug}
              createDraft={createDraftAction.bind(null, ctx.tenantSlug)}
              createFromTemplate={createFromTemplateAction.bind(null, ctx.tenantSlug)}
              tenantTemplates={tenantTemplates}
              importSpec={importSpecAction.bind(null, ctx.tenantSlug)}
            />
          ) : null
        }
      />
      {items.length === 0 && !filtered ? (
        <EmptyState icon={CalendarIcon} title={t('No activities yet')}>
          <p>
            {t(
              'Each activity is listed here with its status, period, live draws per minute, the wins it has left and its open alerts.',
            )}
          </p>
          <p className="mt-2">
            {canEdit
              ? t('Start with New activity, or import a spec exported from another activity.')
              : t('An operator of this tenant can create one.')}
          </p>
        </EmptyState>
      ) : (
        <>
          <ActivityFilterForm action={base} status={filters.status} q={filters.q} statuses={ACTIVITY_STATUSES} />
          <p className="text-sm">
            {archived ? (
              <Link href={base} className="font-medium text-indigo-700 hover:underline">
                ← {t('Current activities')}
              </Link>
            ) : (
              <Link href={`${base}?archived=1`} className="font-medium text-indigo-700 hover:underline">
                {t('Archived activities')}
              </Link>
            )}
          </p>
          {items.length === 0 ? (
            <p
              className="rounded-xl border border-dashed border-zinc-300 px-6 py-10 text-center text-sm text-zinc-600"
              data-testid="empty-state"
            >
              {t('No activity matches these filters.')}{' '}
              <Link href={base} className="font-medium text-indigo-700 hover:underline">
                {t('Clear them')}
              </Link>
            </p>
          ) : (
            <Table
              label={t('Activities')}
              footer={
                <span>
                  {filtered
                    ? t.plural(
                        items.length,
                        '{count} activity matching the filters',
                        '{count} activities matching the filters',
                      )
                    : t.plural(items.length, '{count} activity', '{count} activities')}
                </span>
              }
            >
              <thead>
                <tr>
                  <Th>{t('Activity')}</Th>
                  <Th>{t('Status')}</Th>
                  <Th>{t('Period')}</Th>
                  <Th className="text-right">{t('Draws / min')}</Th>
                  <Th className="text-right">{t('Wins left')}</Th>
                  <Th className="text-right">{t('Alerts')}</Th>
                  <Th>
                    <span className="sr-only">{t('Links')}</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <Tr key={a.id}>
                    <Td className="max-w-xs">
                      <Link
                        href={`${base}/${a.id}`}
                        className="block truncate rounded-sm font-medium text-zinc-900 hover:text-indigo-700 hover:underline"
                      >
                        {a.name}
                      </Link>
                      <p className="text-xs text-zinc-500 capitalize">
                        {gameplayLabels[a.gameplay] ? t(gameplayLabels[a.gameplay]!) : a.gameplay}
                      </p>
                    </Td>
                    <Td>
                      <ActivityStatusBadge status={a.status} />
                    </Td>
                    <Td className="text-xs whitespace-nowrap text-zinc-700">
                      {formatPeriod(a.startsAt, a.endsAt, a.timezone, t.locale)}
                      <p className="text-zinc-500">{a.timezone}</p>
                    </Td>
                    <Td className="text-right tabular-nums" data-testid="draws-per-minute">
                      {formatRate(a.drawsPerMinute, t.locale)}
                    </Td>
                    <Td className="text-right tabular-nums">
                      {t.number(a.winsLeft)} <span className="text-xs text-zinc-500">/ {t.number(a.winsTotal)}</span>
                    </Td>
                    <Td className="text-right tabular-nums">
                      {a.openAlerts > 0 ? (
                        <span className="inline-flex items-center gap-1 font-medium text-red-700">
                          <AlertIcon className="size-3.5" />
                          {a.openAlerts}
                        </span>
                      ) : (
                        <span className="text-zinc-500">0</span>
                      )}
                    </Td>
                    <Td className="w-px text-right whitespace-nowrap">
                      {canEdit ? (
                        <ActivityRowActions
                          tenantSlug={ctx.tenantSlug}
                          activity={{ id: a.id, name: a.name, status: a.status, archived }}
                          duplicate={duplicateAction.bind(null, ctx.tenantSlug, a.id)}
                          remove={deleteDraftAction.bind(null, ctx.tenantSlug, a.id)}
                          archive={archiveAction.bind(null, ctx.tenantSlug, a.id)}
                        />
                      ) : null}
                      {a.status === 'DRAFT' ? (
                        <Link
                          href={`${base}/${a.id}`}
                          className={buttonClasses('secondary', 'sm')}
                          aria-label={t('Edit {name}', { name: a.name })}
                        >
                          {t('Edit')}
                        </Link>
                      ) : (
                        <Link
                          href={`${base}/${a.id}/dashboard`}
                          className={buttonClasses('secondary', 'sm')}
                          aria-label={t('Dashboard of {name}', { name: a.name })}
                        >
                          {t('Dashboard')}
                        </Link>
                      )}
                    </Td>
                  </Tr>
                ))}
              </tbody>
            </Table>
          )}
        </>
      )}
    </div>
  );
}
