// "My prizes": each win with its claim status; a physical prize can get (and, until it ships,
// change) its shipping address. Once shipped it shows the carrier and tracking number; before
// that, the claim deadline and the time left, and "expired" once it passed. Coupon codes, when
// the answer carries them, can be copied. Each can be verified against its draw's proof
// (verify-draw.tsx).
import { useState } from 'react';
import type { MyWin } from '@/lib/h5/play-client';
import type { Locale, Messages } from '@/lib/i18n/messages';

type WinWithCodes = MyWin & { codes?: string[]; prize: MyWin['prize'] & { codes?: string[] } };

export function MyPrizes({
  wins,
  t,
  locale,
  tierNames,
  onClaim,
  onVerify,
  now,
}: {
  wins: MyWin[];
  t: Messages;
  locale: Locale;
  tierNames: Map<string, string>;
  onClaim: (win: MyWin) => void;
  onVerify?: (win: MyWin) => void;
  now: number;
}) {
  return (
    <section aria-labelledby="prizes-title" className="rounded-3xl bg-white p-4 shadow-sm" data-testid="my-prizes">
      <h2 id="prizes-title" className="mb-2 text-base font-bold text-zinc-900">
        {t.prizes.title}
      </h2>
      {wins.length === 0 ? (
        <p className="py-2 text-sm text-zinc-600">{t.prizes.empty}</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {wins.map((w) => {
            const editable = w.prize.kind === 'physical' && (w.status === 'AWAITING_CLAIM' || w.status === 'CLAIMED');
            const deadline = w.status === 'AWAITING_CLAIM' && w.claimExpiresAt ? Date.parse(w.claimExpiresAt) : null;
            const codes = (w as WinWithCodes).codes ?? (w as WinWithCodes).prize.codes ?? [];
            return (
              <li
                key={w.id}
                className="flex flex-wrap items-center gap-x-3 gap-y-1 py-3"
                data-testid="my-prize"
                data-win-id={w.id}
                data-status={w.status}
              >
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-words text-zinc-900">
                    {w.prize.name}
                    {w.quantity > 1 ? ` × ${w.quantity}` : ''}
                  </p>
                  <p className="text-xs text-zinc-600">
                    {tierNames.get(w.tierId) ?? ''} ·{' '}
                    <span data-testid="win-status">
                      {w.expired ? t.prizes.expired : (t.status[w.status] ?? w.status)}
                    </span>
                    {onVerify ? (
                      <>
                        {' · '}
                        <button
                          type="button"
                          onClick={() => onVerify(w)}
                          className="font-medium text-[var(--theme)] underline underline-offset-2"
                          data-testid="verify-draw"
                        >
                          {t.fairness.verify}
                        </button>
                      </>
                    ) : null}
                  </p>
                  {w.shipment ? (
                    <p className="mt-0.5 text-xs text-zinc-800" data-testid="shipment">
                      {t.prizes.carrier}: <span data-testid="carrier">{w.shipment.carrier}</span>
                      {' · '}
                      {t.prizes.tracking}:{' '}
                      <span className="font-mono select-all" data-testid="tracking-number">
                        {w.shipment.trackingNumber}
                      </span>
                    </p>
                  ) : null}
                  {deadline !== null ? (
                    <p className="mt-0.5 text-xs text-amber-900" data-testid="claim-deadline">
                      {deadline > now
                        ? t.prizes.claimBy(formatDate(deadline, locale), timeLeft(deadline - now, t))
                        : t.prizes.expired}
                    </p>
                  ) : null}
                  {codes.map((code) => (
                    <CopyCode key={code} code={code} t={t} />
                  ))}
                </div>
                {editable && !(deadline !== null && deadline <= now) ? (
                  <button
                    type="button"
                    onClick={() => onClaim(w)}
                    className={`h-9 shrink-0 rounded-full px-4 text-sm font-semibold ${w.status === 'AWAITING_CLAIM' ? 'bg-[var(--theme)] text-white' : 'bg-zinc-100 text-zinc-900'}`}
                  >
                    {w.status === 'AWAITING_CLAIM' ? t.prizes.claim : t.prizes.edit}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function CopyCode({ code, t }: { code: string; t: Messages }) {
  const [copied, setCopied] = useState(false);
  return (
    <p className="mt-1 flex items-center gap-2 text-xs text-zinc-800" data-testid="coupon-code">
      {t.prizes.code}: <span className="font-mono select-all">{code}</span>
      <button
        type="button"
        className="rounded-full bg-zinc-100 px-2 py-0.5 font-semibold text-zinc-900"
        onClick={() =>
          void navigator.clipboard?.writeText(code).then(
            () => setCopied(true),
            () => undefined,
          )
        }
      >
        {copied ? t.prizes.copied : t.prizes.copy}
      </button>
    </p>
  );
}

function formatDate(ms: number, locale: Locale): string {
  return new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

function timeLeft(ms: number, t: Messages): string {
  const hours = Math.max(1, Math.ceil(ms / 3_600_000));
  return t.prizes.daysHours(Math.floor(hours / 24), hours % 24);
}
