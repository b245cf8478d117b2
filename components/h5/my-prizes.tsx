// "My prizes": each win with its claim status; a physical prize can get (and, until it ships,
// change) its shipping address; each can be verified against its draw's proof (verify-draw.tsx).
import type { MyWin } from '@/lib/h5/play-client';
import type { Messages } from '@/lib/i18n/messages';

export function MyPrizes({
  wins,
  t,
  tierNames,
  onClaim,
  onVerify,
}: {
  wins: MyWin[];
  t: Messages;
  tierNames: Map<string, string>;
  onClaim: (win: MyWin) => void;
  onVerify?: (win: MyWin) => void;
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
            return (
              <li
                key={w.id}
                className="flex items-center gap-3 py-3"
                data-testid="my-prize"
                data-win-id={w.id}
                data-status={w.status}
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-zinc-900">
                    {w.prize.name}
                    {w.quantity > 1 ? ` × ${w.quantity}` : ''}
                  </p>
                  <p className="text-xs text-zinc-600">
                    {tierNames.get(w.tierId) ?? ''} ·{' '}
                    <span data-testid="win-status">{t.status[w.status] ?? w.status}</span>
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
                </div>
                {editable ? (
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
