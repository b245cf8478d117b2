import type { Metadata } from 'next';
import Link from 'next/link';
import { roleAtLeast } from '@/lib/auth/console-guard';
import { CursorPager } from '@/components/console/cursor-pager';
import { listPrizes } from '@/lib/prizes/get-prize';
import { ListQuery } from '@/lib/prizes/schemas';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { EmptyState } from '@/components/console/empty-state';
import { GiftIcon } from '@/components/console/icons';
import { getConsoleT } from '@/components/console/i18n-server';
import type { Translator } from '@/lib/i18n/console/translator';
import { prizeKindLabel } from '@/components/console/stock/prize-kinds';
import { PageHeader } from '@/components/console/page-header';
import { NewPrizeButton } from '@/components/console/stock/new-prize-button';
import { RestockPrizeButton } from '@/components/console/stock/restock-prize-button';
import { UploadCodesButton } from '@/components/console/stock/upload-codes-button';
import { requireConsolePage } from '../../../_server/session';
import { addPrizeCodesAction, createPrizeAction, restockPrizeAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Prizes') };
}

const PAGE_SIZE = 50;
const kindTone: Record<string, BadgeTone> = { physical: 'blue', virtual: 'violet', coupon: 'amber', points: 'green' };

export default async function PrizesPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ cursor?: string | string[] }>;
}) {
  const [{ tenant }, { cursor }] = await Promise.all([params, searchParams]);
  const ctx = await requireConsolePage(tenant);
  const t = await getConsoleT();
  const count = { format: (n: number) => t.number(n) };
  const money = { format: (n: number) => t.number(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) };
  const query = ListQuery.safeParse({ limit: PAGE_SIZE, cursor: typeof cursor === 'string' ? cursor : undefined });
  const { items, nextCursor } = await listPrizes(ctx.tenantId, query.success ? query.data : { limit: PAGE_SIZE });
  const paged = query.success && query.data.cursor !== undefined;
  const canRestock = roleAtLeast(ctx.role, 'OPERATOR');

  return (
    <div className="space-y-8">
      <PageHeader
        title={t('Prizes')}
        description={t(
          "The tenant's prize catalogue and its total stock pool. Activities reserve stock from here; reserved units are held by activity pools. Open a prize for its stock ledger.",
        )}
        actions={
          canRestock ? <NewPrizeButton createAction={createPrizeAction.bind(null, ctx.tenantSlug)} /> : undefined
        }
      />
      {items.length === 0 && !paged ? (
        <EmptyState icon={GiftIcon} title={t('No prizes yet')}>
          <p>
            {t(
              'Prizes you add will be listed here with their kind, unit value and stock: the total, what is still available and what activities have reserved.',
            )}
          </p>
          <p className="mt-2">
            {t('Add one with New prize, or with {endpoint} using an API key from Settings.', {
              endpoint: 'POST /api/manage/prizes',
            })}
          </p>
        </EmptyState>
      ) : (
        <Table
          label={t('Prizes')}
          footer={
            <>
              <span>
                {items.length === 0
                  ? t('No more prizes')
                  : paged
                    ? t.plural(
                        items.length,
                        'Showing {count} prize on this page',
                        'Showing {count} prizes on this page',
                      )
                    : t.plural(items.length, 'Showing {count} prize', 'Showing {count} prizes')}
                {items.length === 0 && paged ? t(' on this page') : ''}
              </span>
              <CursorPager
                firstHref={paged ? `/t/${ctx.tenantSlug}/prizes` : null}
                nextHref={nextCursor ? `/t/${ctx.tenantSlug}/prizes?cursor=${nextCursor}` : null}
                firstLabel={t('First page')}
                nextLabel={t('Next page')}
              />
            </>
          }
        >
          <thead>
            <tr>
              <Th>{t('Prize')}</Th>
              <Th>{t('Kind')}</Th>
              <Th className="text-right">{t('Unit value')}</Th>
              <Th className="text-right">{t('Total')}</Th>
              <Th className="text-right">{t('Available')}</Th>
              <Th className="text-right">{t('Reserved')}</Th>
              {canRestock ? (
                <Th>
                  <span className="sr-only">{t('Actions')}</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <Tr key={p.id}>
                <Td className="max-w-md">
                  <Link
                    href={`/t/${ctx.tenantSlug}/prizes/${p.id}`}
                    className="block truncate rounded-sm font-medium text-zinc-900 hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
                  >
                    {p.name}
                  </Link>
                  {p.description ? <p className="truncate text-xs text-zinc-500">{p.description}</p> : null}
                </Td>
                <Td>
                  <Badge tone={kindTone[p.kind] ?? 'neutral'} className="capitalize">
                    {t(prizeKindLabel(p.kind))}
                  </Badge>
                </Td>
                <Td className="text-right tabular-nums">{money.format(p.value)}</Td>
                <Td className="text-right font-medium tabular-nums text-zinc-900">{count.format(p.stock.total)}</Td>
                <Td className="text-right tabular-nums">
                  <StockCell value={p.stock.available} total={p.stock.total} t={t} />
                </Td>
                <Td className={`text-right tabular-nums ${p.stock.reserved === 0 ? 'text-zinc-500' : ''}`}>
                  {count.format(p.stock.reserved)}
                </Td>
                {canRestock ? (
                  <Td className="w-px text-right">
                    {p.kind === 'coupon' ? (
                      <UploadCodesButton
                        prize={{ name: p.name }}
                        addCodesAction={addPrizeCodesAction.bind(null, ctx.tenantSlug, p.id)}
                      />
                    ) : (
                      <RestockPrizeButton
                        prize={{ name: p.name, available: p.stock.available }}
                        restockAction={restockPrizeAction.bind(null, ctx.tenantSlug, p.id)}
                      />
                    )}
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

/** Available units with a thin bar of their share of the total, amber when running low. */
function StockCell({ value, total, t }: { value: number; total: number; t: Translator }) {
  const share = total > 0 ? value / total : 0;
  const low = total > 0 && share < 0.1;
  return (
    <span className="inline-flex items-center justify-end gap-2.5">
      <span aria-hidden className="h-1.5 w-14 overflow-hidden rounded-full bg-zinc-200">
        <span
          className={`block h-full rounded-full ${low ? 'bg-amber-500' : 'bg-emerald-500'}`}
          style={{ width: `${Math.round(share * 100)}%` }}
        />
      </span>
      <span className={low ? 'text-amber-800' : ''}>{t.number(value)}</span>
    </span>
  );
}
