// The result, on top of the page (nothing below moves when it arrives), announced to screen
// readers by its role and label; focus goes to its button and returns to the draw button.
import { useEffect, useRef } from 'react';
import type { DrawResult } from '@/lib/h5/play-client';
import type { Messages } from '@/lib/i18n/messages';

export function ResultDialog({
  result,
  t,
  onClose,
  onClaim,
}: {
  result: DrawResult;
  t: Messages;
  onClose: () => void;
  onClaim: (() => void) | null;
}) {
  const ok = useRef<HTMLButtonElement>(null);
  useEffect(() => ok.current?.focus(), []);
  const won = result.outcome === 'win';
  return (
    <div
      className="fixed inset-0 z-40 flex items-center justify-center bg-zinc-950/50 p-6 backdrop-blur-[2px]"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="result-title"
        aria-describedby="result-body"
        data-testid="result-dialog"
        data-outcome={result.outcome}
        data-tier={result.tier?.id ?? ''}
        className="w-full max-w-sm rounded-3xl bg-white p-6 text-center shadow-2xl motion-safe:animate-[toast-in_200ms_ease-out]"
      >
        <div
          className="mx-auto mb-3 flex size-16 items-center justify-center rounded-full bg-rose-50 text-[var(--theme)]"
          aria-hidden="true"
        >
          {won ? (
            <svg
              viewBox="0 0 24 24"
              className="size-9"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              <rect x="3" y="8" width="18" height="4" rx="1" />
              <path d="M12 8v13M19 12v7a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-7M7.5 8a2.5 2.5 0 0 1 0-5C10 3 12 8 12 8s2-5 4.5-5a2.5 2.5 0 0 1 0 5" />
            </svg>
          ) : (
            <svg
              viewBox="0 0 24 24"
              className="size-9"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              <circle cx="12" cy="12" r="9" />
              <path d="M8 15s1.5-2 4-2 4 2 4 2M9 9h.01M15 9h.01" />
            </svg>
          )}
        </div>
        <h2 id="result-title" className="text-xl font-bold text-zinc-900">
          {won ? `${t.result.win}: ${result.tier?.name ?? ''}` : t.result.lose}
        </h2>
        <div id="result-body" className="mt-2 text-sm text-zinc-700">
          {won ? (
            <ul>
              {result.prizes.map((p) => (
                <li key={p.prizeId}>
                  {p.name}
                  {p.quantity > 1 ? ` × ${p.quantity}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            t.result.loseBody
          )}
        </div>
        <div className="mt-5 flex flex-col gap-2">
          {onClaim ? (
            <button
              type="button"
              onClick={onClaim}
              className="h-11 rounded-full bg-[var(--theme)] font-semibold text-white"
            >
              {t.result.claim}
            </button>
          ) : null}
          <button
            ref={ok}
            type="button"
            onClick={onClose}
            className={`h-11 rounded-full font-semibold ${onClaim ? 'bg-zinc-100 text-zinc-900' : 'bg-[var(--theme)] text-white'}`}
          >
            {t.result.close}
          </button>
        </div>
      </div>
    </div>
  );
}
