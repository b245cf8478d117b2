// A published activity (or any activity an analyst opens) as it is configured: read-only.
// Live odds and stock changes happen on the live dashboard through patchTier.
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ActivityDto } from '@/lib/activities/activity-dto';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { count, percent } from './format';
import { PlayPreview } from './play-preview';
import { OddsBar } from './odds-bar';
import { TierName } from './tier-dot';

export function ActivitySummary({
  activity: a,
  dashboardHref,
  readOnlyReason,
  previewSrc,
  playLinks,
}: {
  /** The play page (GET /play/{id}/preview with a preview token) and the QR codes. */
  previewSrc: string;
  playLinks: ReactNode;
  activity: ActivityDto;
  dashboardHref: string;
  readOnlyReason?: string;
}) {
  const limits = [
    ['Free draws a day', a.limits.freeDrawsPerDay],
    ['Draws a day', a.limits.maxDrawsPerDay],
    ['Draws in all', a.limits.maxDrawsTotal],
    ['Wins in all', a.limits.maxWinsPerUser],
  ] as const;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_320px] items-start gap-8">
      <div className="min-w-0 space-y-6">
        <p className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
          {readOnlyReason ??
            (a.status === 'DRAFT' ? (
              'This draft is read-only for you.'
            ) : (
              <>
                This activity is {a.status.toLowerCase()}: its tiers change only through their odds and stock, on the{' '}
                <Link href={dashboardHref} className="font-medium underline">
                  live dashboard
                </Link>
                .
              </>
            ))}
        </p>
        <section aria-labelledby="tiers-title" className="space-y-3">
          <h2 id="tiers-title" className="text-base font-semibold text-zinc-950">
            Tiers and odds
          </h2>
          <OddsBar tiers={a.tiers} />
          <Table label="Tiers">
            <thead>
              <tr>
                <Th>Tier</Th>
                <Th>Prizes</Th>
                <Th className="text-right">Odds</Th>
                <Th className="text-right">Stock</Th>
                <Th className="text-right">Won</Th>
                <Th>Pacing</Th>
              </tr>
            </thead>
            <tbody>
              {a.tiers.map((t, i) => (
                <Tr key={t.id}>
                  <Td>
                    <TierName index={i} name={t.name} />
                  </Td>
                  <Td className="text-zinc-700">
                    {t.prizes.map((p) => `${p.quantity > 1 ? `${p.quantity}× ` : ''}${p.name}`).join(' + ')}
                  </Td>
                  <Td className="text-right tabular-nums">{percent(t.probability)}</Td>
                  <Td className="text-right tabular-nums">{count.format(t.stock)}</Td>
                  <Td className="text-right tabular-nums">{count.format(t.issued)}</Td>
                  <Td className="text-zinc-700">{t.pacing === 'even' ? 'Even' : 'As drawn'}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </section>
        <section aria-labelledby="limits-title" className="grid grid-cols-2 gap-6">
          <div>
            <h2 id="limits-title" className="text-base font-semibold text-zinc-950">
              Limits per user
            </h2>
            <dl className="mt-3 divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm">
              {limits.map(([label, value]) => (
                <div key={label} className="flex justify-between px-4 py-2.5">
                  <dt className="text-zinc-600">{label}</dt>
                  <dd className="font-medium tabular-nums text-zinc-900">
                    {value === undefined ? 'No limit' : count.format(value)}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
          <div>
            <h2 className="text-base font-semibold text-zinc-950">Tasks</h2>
            <ul className="mt-3 divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm">
              {a.tasks.length === 0 ? <li className="px-4 py-2.5 text-zinc-600">No tasks</li> : null}
              {a.tasks.map((t) => (
                <li key={t.id} className="flex justify-between gap-3 px-4 py-2.5">
                  <span className="text-zinc-800">
                    {t.name}{' '}
                    {t.eventType ? <code className="font-mono text-xs text-zinc-500">{t.eventType}</code> : null}
                  </span>
                  <span className="text-zinc-600 tabular-nums">
                    +{t.chances}
                    {t.perDay ? ` · ${t.perDay}/day` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </div>
      <aside className="sticky top-20" aria-label="Preview">
        <PlayPreview src={previewSrc} version={0} links={playLinks} caption="The play page as configured" />
      </aside>
    </div>
  );
}
