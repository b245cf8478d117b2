// Rules and odds over the game, without leaving the page: the token lives in this page's memory
// only, and a navigation away would lose it. The content is the rules page itself
// (app/(h5)/play/[activityId]/rules), fetched when opened, so it is read from the live
// configuration like the page; the address bar shows the rules page's address while it is open.
import { useEffect, useRef, useState } from 'react';
import type { Messages } from '@/lib/i18n/messages';

export function RulesSheet({ activityId, t, onClose }: { activityId: string; t: Messages; onClose: () => void }) {
  const [html, setHtml] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const back = useRef<HTMLButtonElement>(null);

  useEffect(() => back.current?.focus(), []);
  useEffect(() => {
    let live = true;
    fetch(`/play/${activityId}/rules`, { cache: 'no-store' })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((text) => {
        const main = new DOMParser().parseFromString(text, 'text/html').querySelector('main');
        // The page's own link back to the game: this sheet has its button for that.
        main?.querySelector('a[href]')?.remove();
        if (live) setHtml(main?.innerHTML ?? '');
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [activityId, attempt]);

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label={t.rules.title}
      data-testid="rules-sheet"
      className="fixed inset-0 z-40 overflow-y-auto bg-white"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="mx-auto w-full max-w-md space-y-4 px-4 py-5 text-zinc-900">
        <button
          ref={back}
          type="button"
          onClick={onClose}
          className="text-sm font-medium text-rose-700 underline underline-offset-2"
        >
          ← {t.rules.back}
        </button>
        {html !== null ? (
          <div className="space-y-4" dangerouslySetInnerHTML={{ __html: html }} />
        ) : failed ? (
          <p className="rounded-2xl bg-rose-50 px-4 py-3 text-sm text-rose-900">
            {t.errors.offline}{' '}
            <button
              type="button"
              onClick={() => {
                setFailed(false);
                setAttempt((n) => n + 1);
              }}
              className="font-semibold underline"
            >
              {t.retry}
            </button>
          </p>
        ) : (
          <p className="text-sm text-zinc-600" aria-busy="true">
            …
          </p>
        )}
      </div>
    </div>
  );
}
