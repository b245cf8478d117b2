// A published activity (or any activity an analyst opens) as it is configured: read-only.
// Live odds and stock changes happen on the live dashboard through patchTier.
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ActivityDto } from '@/lib/activities/activity-dto';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { msg } from '@/lib/i18n/console/translator';
import { getConsoleT } from '../i18n-server';
import { activityStatusLabels, percent } from './format';
import { richText } from '@/components/console/rich-text';
import { PlayPreview } from './play-preview';
import { OddsBar } from './odds-bar';
import { TierName } from './tier-dot';

export async function ActivitySummary({
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
  const t = await getConsoleT();
  const limits = [
    [msg('Free draws a day'), a.limits.freeDrawsPerDay],
    [msg('Draws a day'), a.limits.maxDrawsPerDay],
    [msg('Draws in all'), a.limits.maxDrawsTotal],
    [msg('Wins in all'), a.limits.maxWinsPerUser],
  ] as const;
  const status = activityStatusLabels[a.status];
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_320px] items-start gap-8">
      <div className="min-w-0 space-y-6">
        <p className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900">
          {readOnlyReason ??
            (a.status === 'DRAFT'
              ? t('This draft is read-only for you.')
              : richText(
                  t('This activity is {status}: its tiers change only through their odds and stock, on the {link}.', {
                    status: status ? t(status).toLowerCase() : a.status.toLowerCase(),
                  }),
                  {
                    link: (
                      <Link href={dashboardHref} className="font-medium underline">
                        {t('live dashboard')}
                      </Link>
                    ),
                  },
                ))}
        </p>
        <section aria-labelledby="tiers-title" className="space-y-3">
          <h2 id="tiers-title" className="text-base font-semibold text-zinc-950">
            {t('Tiers and odds')}
          </h2>
          <OddsBar tiers={a.tiers} />
          <Table label={t('Tiers')}>
            <thead>
              <tr>
                <Th>{t('Tier')}</Th>
                <Th>{t('Prizes')}</Th>
                <Th className="text-right">{t('Odds')}</Th>
                <Th className="text-right">{t('Stock')}</Th>
                <Th className="text-right">{t('Won')}</Th>
                <Th>{t('Pacing')}</Th>
              </tr>
            </thead>
            <tbody>
              {a.tiers.map((tier, i) => (
                <Tr key={tier.id}>
                  <Td>
                    <TierName index={i} name={tier.name} />
                  </Td>
                  <Td className="text-zinc-700">
                    {tier.prizes.map((p) => `${p.quantity > 1 ? `${p.quantity}× ` : ''}${p.name}`).join(' + ')}
                  </Td>
                  <Td className="text-right tabular-nums">{percent(tier.probability)}</Td>
                  <Td className="text-right tabular-nums">{t.number(tier.stock)}</Td>
                  <Td className="text-right tabular-nums">{t.number(tier.issued)}</Td>
                  <Td className="text-zinc-700">{tier.pacing === 'even' ? t('Even') : t('As drawn')}</Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </section>
        <section aria-labelledby="limits-title" className="grid grid-cols-2 gap-6">
          <div>
            <h2 id="limits-title" className="text-base font-semibold text-zinc-950">
              {t('Limits per user')}
            </h2>
            <dl className="mt-3 divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm">
              {limits.map(([label, value]) => (
                <div key={label} className="flex justify-between px-4 py-2.5">
                  <dt className="text-zinc-600">{t(label)}</dt>
                  <dd className="font-medium tabular-nums text-zinc-900">
                    {value === undefined ? t('No limit') : t.number(value)}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
          <div>
            <h2 className="text-base font-semibold text-zinc-950">{t('Tasks')}</h2>
            <ul className="mt-3 divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm">
              {a.tasks.length === 0 ? <li className="px-4 py-2.5 text-zinc-600">{t('No tasks')}</li> : null}
              {a.tasks.map((task) => (
                <li key={task.id} className="flex justify-between gap-3 px-4 py-2.5">
                  <span className="text-zinc-800">
                    {task.name}{' '}
                    {task.eventType ? <code className="font-mono text-xs text-zinc-500">{task.eventType}</code> : null}
                  </span>
                  <span className="text-zinc-600 tabular-nums">
                    +{task.chances}
                    {task.perDay ? ` · ${t('{count}/day', { count: task.perDay })}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </div>
      <aside className="sticky top-20" aria-label={t('Preview')}>
        <PlayPreview src={previewSrc} version={0} links={playLinks} caption={t('The play page as configured')} />
      </aside>
    </div>
  );
}
