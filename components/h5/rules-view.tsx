// The rules and odds, from the live configuration: what users read is what the draw uses.
// Rendered on the server only (lib/h5/render-play-page.ts), as its own page at
// /play/{id}/rules and, from that page's <main>, in the play page's rules sheet. No script.
import { materialsOf, titleOf } from '@/lib/h5/materials';
import type { RulesViewProps } from '@/lib/h5/page-props';
import { formatPercent, messages } from '@/lib/i18n/messages';
import { FairnessRules } from './fairness-rules';

export function RulesView({ view, locale, fairness }: RulesViewProps) {
  const t = messages[locale].rules;
  const { rulesText } = materialsOf(view);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: view.timezone });
  const limit = (n: number | null) => (n === null ? t.none : String(n));
  return (
    <main lang={locale} className="mx-auto min-h-dvh w-full max-w-md space-y-4 bg-white px-4 py-5 text-zinc-900">
      <a href={`/play/${view.id}`} className="text-sm font-medium text-rose-700 underline underline-offset-2">
        ← {t.back}
      </a>
      <h1 className="text-2xl font-extrabold">{t.title}</h1>
      <p className="text-sm text-zinc-600">
        {titleOf(view)} · {t.live}
      </p>
      {rulesText ? <p className="whitespace-pre-line rounded-2xl bg-zinc-50 p-3 text-sm">{rulesText}</p> : null}
      <section aria-labelledby="period">
        <h2 id="period" className="mb-1 font-bold">
          {t.period}
        </h2>
        <p className="text-sm" data-testid="rules-period">
          {date.format(new Date(view.startsAt))} – {date.format(new Date(view.endsAt))} ({t.timezone}: {view.timezone})
        </p>
      </section>
      <section aria-labelledby="odds">
        <h2 id="odds" className="mb-1 font-bold">
          {t.tiers}
        </h2>
        <table className="w-full text-left text-sm" data-testid="odds-table">
          <thead>
            <tr className="border-b border-zinc-200 text-zinc-600">
              <th scope="col" className="py-2 pr-2 font-medium">
                {t.tier}
              </th>
              <th scope="col" className="py-2 pr-2 font-medium">
                {t.prizes}
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                {t.probability}
              </th>
            </tr>
          </thead>
          <tbody>
            {view.tiers.map((tier) => (
              <tr
                key={tier.id}
                className="border-b border-zinc-100"
                data-testid="odds-row"
                data-tier-id={tier.id}
                data-probability={tier.probability}
              >
                <th scope="row" className="py-2 pr-2 font-semibold">
                  {tier.name}
                </th>
                <td className="py-2 pr-2">
                  {tier.prizes.map((p) => `${p.name}${p.quantity > 1 ? ` × ${p.quantity}` : ''}`).join(' + ')}
                </td>
                <td className="py-2 text-right tabular-nums">{formatPercent(tier.probability, locale)}</td>
              </tr>
            ))}
            <tr data-testid="odds-row" data-tier-id="none" data-probability={view.noWinProbability}>
              <th scope="row" className="py-2 pr-2 font-semibold">
                {t.noWin}
              </th>
              <td className="py-2 pr-2">–</td>
              <td className="py-2 text-right tabular-nums">{formatPercent(view.noWinProbability, locale)}</td>
            </tr>
          </tbody>
        </table>
        <OddsSchedule view={view} locale={locale} />
      </section>
      <section aria-labelledby="limits">
        <h2 id="limits" className="mb-1 font-bold">
          {t.limits}
        </h2>
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" data-testid="rules-limits">
          <dt>{t.freeDrawsPerDay}</dt>
          <dd className="text-right tabular-nums">{view.limits.freeDrawsPerDay}</dd>
          <dt>{t.maxDrawsPerDay}</dt>
          <dd className="text-right tabular-nums">{limit(view.limits.maxDrawsPerDay)}</dd>
          <dt>{t.maxDrawsTotal}</dt>
          <dd className="text-right tabular-nums">{limit(view.limits.maxDrawsTotal)}</dd>
          <dt>{t.maxWinsPerUser}</dt>
          <dd className="text-right tabular-nums">{limit(view.limits.maxWinsPerUser)}</dd>
        </dl>
      </section>
      {fairness ? <FairnessRules fairness={fairness} t={messages[locale].fairness} /> : null}
    </main>
  );
}

/** The time segments of every tier that has them, and what pacing does when a tier is paced. */
function OddsSchedule({ view, locale }: RulesViewProps) {
  const t = messages[locale].rules;
  const scheduled = view.tiers.filter((tier) => tier.schedule.length > 0);
  const paced = view.tiers.filter((tier) => tier.pacing === 'even');
  const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return (
    <>
      {scheduled.length > 0 ? (
        <div className="mt-3 space-y-2 text-sm" data-testid="odds-schedule">
          <p className="text-zinc-600">{t.now}</p>
          {scheduled.map((tier) => (
            <table key={tier.id} className="w-full text-left">
              <caption className="py-1 text-left font-semibold">
                {tier.name} · {t.schedule}
              </caption>
              <thead>
                <tr className="border-b border-zinc-200 text-zinc-600">
                  <th scope="col" className="py-1 pr-2 font-medium">
                    {t.hours}
                  </th>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    {t.dates}
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    {t.probability}
                  </th>
                </tr>
              </thead>
              <tbody>
                {tier.schedule.map((s, i) => (
                  <tr key={i} className="border-b border-zinc-100">
                    <td className="py-1 pr-2 tabular-nums">
                      {hh(s.fromHour)}–{hh(s.toHour)}
                    </td>
                    <td className="py-1 pr-2 tabular-nums">
                      {s.fromDate || s.toDate ? `${s.fromDate ?? '…'} – ${s.toDate ?? '…'}` : t.everyDay}
                    </td>
                    <td className="py-1 text-right tabular-nums">{formatPercent(s.probability, locale)}</td>
                  </tr>
                ))}
                <tr>
                  <td className="py-1 pr-2" colSpan={2}>
                    {t.otherwise}
                  </td>
                  <td className="py-1 text-right tabular-nums">{formatPercent(tier.baseProbability, locale)}</td>
                </tr>
              </tbody>
            </table>
          ))}
        </div>
      ) : null}
      {paced.length > 0 ? (
        <p className="mt-3 text-sm text-zinc-600" data-testid="pacing-note">
          {t.pacing} ({paced.map((tier) => tier.name).join(', ')})
        </p>
      ) : null}
    </>
  );
}
