import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { AppError } from '@/lib/errors';
import { canonicalId } from '@/lib/ids';
import {
  listStockMovements,
  type StockMovementDto,
  type StockMovementKind,
} from '@/lib/inventory/list-stock-movements';
import { getPrizeOrThrow } from '@/lib/prizes/get-prize';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-classes';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { CursorPager } from '@/components/console/cursor-pager';
import { EmptyState } from '@/components/console/empty-state';
import { ScrollIcon } from '@/components/console/icons';
import { PageHeader } from '@/components/console/page-header';
import { PrizeNamesForm } from '@/components/console/stock/prize-names-form';
import { Timestamp } from '@/components/console/timestamp';
import { getConsoleT } from '@/components/console/i18n-server';
import { msg, type Translator } from '@/lib/i18n/console/translator';
import { DownloadIcon } from '@/components/console/stock/download-icon';
import { LedgerFilterForm } from '@/components/console/stock/ledger-filter-form';
import { RestockPrizeButton } from '@/components/console/stock/restock-prize-button';
import { UploadCodesButton } from '@/components/console/stock/upload-codes-button';
import { SignedDelta } from '@/components/console/stock/signed-delta';
import { requireConsolePage } from '../../../../_server/session';
import { addPrizeCodesAction, restockPrizeAction, updatePrizeAction } from '../actions';
import { ledgerHref, ledgerQuery, parseLedgerParams, stockMovementKinds } from './ledger-query';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Stock ledger') };
}

const PAGE_SIZE = 50;
const kindTone: Record<StockMovementKind, BadgeTone> = {
  RESTOCK: 'green',
  RESERVE: 'blue',
  RELEASE: 'violet',
  ISSUE: 'amber',
  RETURN: 'neutral',
  ADJUST: 'red',
};
const kindLabel: Record<StockMovementKind, string> = {
  RESTOCK: msg('Restock'),
  RESERVE: msg('Reserve'),
  RELEASE: msg('Release'),
  ISSUE: msg('Issue'),
  RETURN: msg('Return'),
  ADJUST: msg('Adjust'),
};
const actorLabel: Record<StockMovementDto['actor']['type'], string> = {
  OPERATOR: msg('Operator'),
  API_KEY: msg('API key'),
  SYSTEM: msg('System'),
  USER: msg('User'),
};

export default async function PrizeLedgerPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; prizeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant, prizeId: given }, raw] = await Promise.all([params, searchParams]);
  const ctx = await requireConsolePage(tenant);
  const t = await getConsoleT();
  // English words and sentences are spaced apart; Chinese ones are not.
  const gap = t.locale === 'en' ? ' ' : '';
  const count = { format: (n: number) => t.number(n) };
  const prizeId = canonicalId(given) ?? notFound();
  const prize = await getPrizeOrThrow(ctx.tenantId, prizeId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const { filters, cursor } = parseLedgerParams(raw);
  const query = { ...ledgerQuery(filters, ctx.tenantTimezone), limit: PAGE_SIZE, cursor };
  const { items, nextCursor, activities } = await listStockMovements(ctx.tenantId, prize.id, query, ctx);
  const base = `/t/${ctx.tenantSlug}/prizes/${prize.id}`;
  const filtered = Object.keys(filters).length > 0;
  const paged = cursor !== undefined;
  const canRestock = roleAtLeast(ctx.role, 'OPERATOR');

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <nav aria-label={t('Breadcrumb')}>
          <ol className="flex items-center gap-1.5 text-sm text-zinc-600" role="list">
            <li>
              <Link
                href={`/t/${ctx.tenantSlug}/prizes`}
                className="rounded hover:text-zinc-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
              >
                {t('Prizes')}
              </Link>
            </li>
            <li aria-hidden>/</li>
            <li aria-current="page" className="truncate font-medium text-zinc-900">
              {prize.name}
            </li>
          </ol>
        </nav>
        <PageHeader
          title={prize.name}
          description={t(
            "The stock ledger: every change to this prize's stock, newest first. Each row says how the free pool and an activity's pool moved, who moved them and why.",
          )}
          actions={
            <>
              <a href={ledgerHref(`${base}/ledger.csv`, filters)} download className={buttonClasses('secondary')}>
                <DownloadIcon className="size-4" /> {t('Export CSV')}
              </a>
              {canRestock && prize.kind === 'coupon' ? (
                <UploadCodesButton
                  size="md"
                  prize={{ name: prize.name }}
                  addCodesAction={addPrizeCodesAction.bind(null, ctx.tenantSlug, prize.id)}
                />
              ) : canRestock ? (
                <RestockPrizeButton
                  size="md"
                  prize={{ name: prize.name, available: prize.stock.available }}
                  restockAction={restockPrizeAction.bind(null, ctx.tenantSlug, prize.id)}
                />
              ) : null}
            </>
          }
        />
      </div>

      {canRestock ? (
        <PrizeNamesForm
          name={prize.name}
          translations={prize.translations}
          update={updatePrizeAction.bind(null, ctx.tenantSlug, prize.id)}
        />
      ) : null}

      <dl className="grid grid-cols-3 divide-x divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]">
        <Stat label={t('Total')} testId="stock-total" hint={t('Free plus held by activities')}>
          {count.format(prize.stock.total)}
        </Stat>
        <Stat label={t('Available')} testId="stock-available" hint={t('Free to reserve or take away')}>
          {count.format(prize.stock.available)}
        </Stat>
        <Stat label={t('Reserved')} testId="stock-reserved" hint={t('Held by activity pools, not yet won')}>
          {count.format(prize.stock.reserved)}
        </Stat>
      </dl>

      <section aria-labelledby="ledger-heading" className="space-y-4">
        <h2 id="ledger-heading" className="text-base font-semibold text-zinc-950">
          {t('Movements')}
        </h2>
        <LedgerFilterForm
          action={base}
          values={filters}
          kinds={stockMovementKinds.map((k) => ({ value: k, label: t(kindLabel[k]) }))}
          activities={activities}
          timeZone={ctx.tenantTimezone}
        />
        {items.length === 0 && !paged ? (
          <EmptyState
            icon={ScrollIcon}
            title={filtered ? t('No movements match these filters') : t('No stock movements yet')}
          >
            {filtered ? (
              <p>
                {t("Nothing in this prize's ledger matches.")}
                {gap}
                <Link href={base} className="font-medium text-indigo-700 hover:underline">
                  {t('Clear the filters')}
                </Link>
                {gap}
                {t('to see every movement.')}
              </p>
            ) : (
              <p>
                {t(
                  'Restocks, reservations by activities, releases and returns of this prize will be listed here, newest first.',
                )}
              </p>
            )}
          </EmptyState>
        ) : (
          <Table
            label={t('Stock movements')}
            footer={
              <>
                <span>
                  {items.length === 0
                    ? t('No older movements')
                    : paged && filtered
                      ? t.plural(
                          items.length,
                          'Showing {count} movement on this page matching the filters',
                          'Showing {count} movements on this page matching the filters',
                        )
                      : paged
                        ? t.plural(
                            items.length,
                            'Showing {count} movement on this page',
                            'Showing {count} movements on this page',
                          )
                        : filtered
                          ? t.plural(
                              items.length,
                              'Showing {count} movement matching the filters',
                              'Showing {count} movements matching the filters',
                            )
                          : t.plural(items.length, 'Showing {count} movement', 'Showing {count} movements')}
                  {items.length === 0 && paged ? t(' on this page') : ''}
                  {items.length === 0 && filtered ? t(' matching the filters') : ''}
                </span>
                <CursorPager
                  firstHref={paged ? ledgerHref(base, filters) : null}
                  nextHref={nextCursor ? ledgerHref(base, filters, nextCursor) : null}
                  firstLabel={t('Newest')}
                  nextLabel={t('Older movements')}
                />
              </>
            }
          >
            <thead>
              <tr>
                <Th className="w-44">{t('When')}</Th>
                <Th>{t('Kind')}</Th>
                <Th className="text-right">{t('Free pool')}</Th>
                <Th className="text-right">{t('Activity pool')}</Th>
                <Th>{t('Activity')}</Th>
                <Th>{t('By')}</Th>
                <Th>{t('Reason')}</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <Tr key={m.id}>
                  <Td className="text-zinc-700">
                    <Timestamp iso={m.createdAt} withRelative />
                  </Td>
                  <Td>
                    <Badge tone={kindTone[m.kind]}>{t(kindLabel[m.kind])}</Badge>
                  </Td>
                  <Td className="text-right">
                    <SignedDelta value={m.poolDelta} />
                  </Td>
                  <Td className="text-right">
                    <SignedDelta value={m.activityDelta} />
                    {m.issuedDelta !== 0 || m.returnedDelta !== 0 ? (
                      <span className="block text-xs whitespace-nowrap text-zinc-500 tabular-nums">
                        {[
                          m.issuedDelta !== 0 ? t('issued {delta}', { delta: signedText(m.issuedDelta, t) }) : null,
                          m.returnedDelta !== 0
                            ? t('returned {delta}', { delta: signedText(m.returnedDelta, t) })
                            : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    ) : null}
                  </Td>
                  <Td className="max-w-48">
                    {m.activity ? (
                      <span className="block truncate text-zinc-900" title={m.activity.name}>
                        {m.activity.name}
                      </span>
                    ) : (
                      <span className="text-zinc-500">—</span>
                    )}
                  </Td>
                  <Td className="max-w-56">
                    <Who actor={m.actor} t={t} />
                  </Td>
                  <Td className="max-w-64">
                    {m.reason ? (
                      <span className="line-clamp-2 break-words text-zinc-800" title={m.reason}>
                        {m.reason}
                      </span>
                    ) : (
                      <span className="text-zinc-500">—</span>
                    )}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}

function Stat({ label, testId, hint, children }: { label: string; testId: string; hint: string; children: ReactNode }) {
  return (
    <div className="min-w-0 px-5 py-4">
      <dt className="text-sm font-medium text-zinc-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tracking-tight text-zinc-950 tabular-nums" data-testid={testId}>
        {children}
      </dd>
      <dd className="mt-0.5 text-xs text-zinc-500">{hint}</dd>
    </div>
  );
}

function Who({ actor, t }: { actor: StockMovementDto['actor']; t: Translator }) {
  if (actor.type === 'SYSTEM') {
    return (
      <span className="min-w-0">
        <span className="block text-zinc-900">{t('System')}</span>
        {actor.id ? <span className="block truncate font-mono text-xs text-zinc-500">{actor.id}</span> : null}
      </span>
    );
  }
  if (!actor.name) {
    return (
      <span className="min-w-0">
        <span className="block text-zinc-900">{t(actorLabel[actor.type])}</span>
        <span className="block truncate font-mono text-xs text-zinc-500" title={actor.id ?? undefined}>
          {actor.id ?? '—'}
        </span>
      </span>
    );
  }
  return (
    <span className="min-w-0" title={actor.id ?? undefined}>
      <span className="block truncate text-zinc-900">{actor.name}</span>
      <span className="block truncate text-xs text-zinc-500">
        {actor.type === 'API_KEY' ? `${t('API key')} ${actor.detail ?? ''}` : actor.detail}
      </span>
    </span>
  );
}

function signedText(n: number, t: Translator): string {
  return n > 0 ? `+${t.number(n)}` : `−${t.number(-n)}`;
}
