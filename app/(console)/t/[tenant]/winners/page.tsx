import type { Metadata } from 'next';
import Link from 'next/link';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { listWinnerFilterOptions } from '@/lib/fulfilment/list-winner-filter-options';
import { queryWinners } from '@/lib/fulfilment/list-winners';
import { buttonClasses } from '@/components/ui/button-classes';
import { CursorPager } from '@/components/console/cursor-pager';
import { EmptyState } from '@/components/console/empty-state';
import { TrophyIcon } from '@/components/console/icons';
import { getConsoleT } from '@/components/console/i18n-server';
import { PageHeader } from '@/components/console/page-header';
import { DownloadIcon } from '@/components/console/stock/download-icon';
import { toWinnerRow } from '@/components/console/winners/winner-row';
import { WinnersFilterForm } from '@/components/console/winners/winners-filter-form';
import { WinnersTable } from '@/components/console/winners/winners-table';
import { requireConsolePage } from '../../../_server/session';
import {
  approveWinAction,
  bulkWinAction,
  importShipmentsAction,
  rejectWinAction,
  shipWinAction,
  voidWinAction,
} from './actions';
import { ShipmentImport } from '@/components/console/winners/shipment-import';
import { parseWinnersParams, winnerFilters, winnersHref } from './winners-query';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Winners') };
}

const PAGE_SIZE = 50;

export default async function WinnersPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant }, raw] = await Promise.all([params, searchParams]);
  const ctx = await requireConsolePage(tenant);
  const t = await getConsoleT();
  // English words and sentences are spaced apart; Chinese ones are not.
  const gap = t.locale === 'en' ? ' ' : '';
  const { filters, cursor } = parseWinnersParams(raw);
  const canManage = roleAtLeast(ctx.role, 'OPERATOR');
  // Analysts read winners with their phone and address masked, and export nothing.
  const [{ items, nextCursor }, options] = await Promise.all([
    queryWinners(ctx.tenantId, winnerFilters(filters, ctx.tenantTimezone), {
      limit: PAGE_SIZE,
      cursor,
      masked: !canManage,
    }),
    listWinnerFilterOptions(ctx.tenantId),
  ]);
  const base = `/t/${ctx.tenantSlug}/winners`;
  const filtered = Object.keys(filters).length > 0;
  const paged = cursor !== undefined;
  const activityNames = new Map(options.activities.map((a) => [a.id, a.name]));
  const slug = ctx.tenantSlug;

  if (items.length === 0 && !filtered && !paged) {
    return (
      <div className="space-y-8">
        <PageHeader
          title={t('Winners')}
          description={t("Every prize won in this tenant's activities, from claim to delivery.")}
        />
        <EmptyState
          icon={TrophyIcon}
          title={t('No winners yet')}
          action={
            <Link href={`/t/${slug}/activities`} className={buttonClasses('secondary')}>
              {t('Go to activities')}
            </Link>
          }
        >
          <p>
            {t(
              'When users win in a live activity, each win appears here with its prize and status: awaiting claim, claimed, shipped, delivered — or held for risk review. Physical prizes show the shipping address the winner entered.',
            )}
          </p>
          <p className="mt-2">
            {t('Nothing to do yet: winners arrive once an activity is live and users start drawing.')}
          </p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('Winners')}
        description={t(
          "Every prize won in this tenant's activities, from claim to delivery. Ship claimed prizes, review wins held by risk rules, void what should not stand.",
        )}
        actions={
          canManage ? (
            <div className="flex items-start gap-2">
              <ShipmentImport importShipments={importShipmentsAction.bind(null, ctx.tenantSlug)} />
              <a href={winnersHref(`${base}/winners.csv`, filters)} download className={buttonClasses('secondary')}>
                <DownloadIcon className="size-4" /> {t('Export CSV')}
              </a>
            </div>
          ) : (
            <p className="text-sm text-zinc-500">
              {t('Contact details are masked for analysts; exports need an operator.')}
            </p>
          )
        }
      />
      {/* Remount on new filters: the fields are uncontrolled, and a link may change the query. */}
      <WinnersFilterForm
        key={JSON.stringify(filters)}
        action={base}
        values={filters}
        activities={options.activities}
        timeZone={ctx.tenantTimezone}
      />
      {items.length === 0 && !paged ? (
        <EmptyState icon={TrophyIcon} title={t('No winners match these filters')}>
          <p>
            {t('Nothing matches.')}
            {gap}
            <Link href={base} className="font-medium text-indigo-700 hover:underline">
              {t('Clear the filters')}
            </Link>
            {gap}
            {t('to see every win.')}
          </p>
        </EmptyState>
      ) : (
        <WinnersTable
          rows={items.map((w) => toWinnerRow(w, activityNames, t('Unknown activity')))}
          canManage={canManage}
          actions={{
            ship: shipWinAction.bind(null, slug),
            void: voidWinAction.bind(null, slug),
            approve: approveWinAction.bind(null, slug),
            reject: rejectWinAction.bind(null, slug),
            bulk: bulkWinAction.bind(null, slug),
          }}
          footer={
            <>
              <span>
                {items.length === 0
                  ? t('No older wins')
                  : paged && filtered
                    ? t.plural(
                        items.length,
                        'Showing {count} win on this page matching the filters',
                        'Showing {count} wins on this page matching the filters',
                      )
                    : paged
                      ? t.plural(items.length, 'Showing {count} win on this page', 'Showing {count} wins on this page')
                      : filtered
                        ? t.plural(
                            items.length,
                            'Showing {count} win matching the filters',
                            'Showing {count} wins matching the filters',
                          )
                        : t.plural(items.length, 'Showing {count} win', 'Showing {count} wins')}
                {items.length === 0 && paged ? t(' on this page') : ''}
                {items.length === 0 && filtered ? t(' matching the filters') : ''}
              </span>
              <CursorPager
                firstHref={paged ? winnersHref(base, filters) : null}
                nextHref={nextCursor ? winnersHref(base, filters, nextCursor) : null}
                firstLabel={t('Newest')}
                nextLabel={t('Older wins')}
              />
            </>
          }
        />
      )}
    </div>
  );
}
