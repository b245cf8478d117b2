// "My draws": the user's draws in this activity, newest first (GET …/me/draws), each with its
// time in the activity's zone, outcome and tier, and "Verify" when it has a proof
// (verify-draw.tsx). Reloaded after each draw (`reloadKey`); "Show more" follows the cursor.
import { useEffect, useState } from 'react';
import type { MyDrawsDto } from '@/lib/fairness/list-my-draws';
import { callApi } from '@/lib/h5/play-client';
import type { Locale, Messages } from '@/lib/i18n/messages';

const PAGE = 10;

export function MyDraws({
  activityId,
  token,
  locale,
  t,
  tierNames,
  reloadKey,
  onVerify,
}: {
  activityId: string;
  token: string;
  locale: Locale;
  t: Messages;
  /** The tier names the page shows in its language, by tier id. */
  tierNames: Map<string, string>;
  reloadKey: number;
  onVerify: (drawId: string) => void;
}) {
  const [pages, setPages] = useState<MyDrawsDto[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const path = `/api/v1/activities/${activityId}/me/draws?limit=${PAGE}`;

  useEffect(() => {
    let live = true;
    void callApi<MyDrawsDto>(token, path).then((r) => {
      if (!live) return;
      setFailed(!r.ok);
      if (r.ok) setPages([r.data]);
    });
    return () => {
      live = false;
    };
  }, [token, path, reloadKey]);

  async function more(cursor: string) {
    setLoadingMore(true);
    const r = await callApi<MyDrawsDto>(token, `${path}&cursor=${cursor}`);
    setLoadingMore(false);
    if (r.ok) setPages((p) => [...(p ?? []), r.data]);
    else setFailed(true);
  }

  const items = pages?.flatMap((p) => p.items) ?? [];
  const last = pages?.at(-1);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale, { timeZone: last?.timezone, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="draws-title" className="rounded-3xl bg-white p-4 shadow-sm" data-testid="my-draws">
      <h2 id="draws-title" className="mb-2 text-base font-bold text-zinc-900">
        {t.draws.title}
      </h2>
      {failed ? <p className="py-2 text-sm text-rose-800">{t.draws.failed}</p> : null}
      {pages && items.length === 0 ? <p className="py-2 text-sm text-zinc-600">{t.draws.empty}</p> : null}
      {!pages && !failed ? <p className="py-2 text-sm text-zinc-600">{t.fairness.loading}</p> : null}
      {items.length ? (
        <ul className="divide-y divide-zinc-100">
          {items.map((d) => (
            <li
              key={d.drawId}
              className="flex items-center gap-3 py-2.5 text-sm"
              data-testid="my-draw"
              data-draw-id={d.drawId}
              data-outcome={d.outcome}
            >
              <div className="min-w-0 flex-1">
                <p className={`font-medium break-words ${d.outcome === 'win' ? 'text-zinc-900' : 'text-zinc-700'}`}>
                  {d.outcome === 'win' && d.tier ? t.draws.win(tierNames.get(d.tier.id) ?? d.tier.name) : t.draws.lose}
                </p>
                <p className="text-xs text-zinc-600">
                  <time dateTime={d.drawnAt}>{when(d.drawnAt)}</time>
                </p>
              </div>
              {d.provable ? (
                <button
                  type="button"
                  onClick={() => onVerify(d.drawId)}
                  className="shrink-0 rounded-full px-2 py-1 font-medium text-[var(--theme)] underline underline-offset-2"
                  data-testid="verify-my-draw"
                >
                  {t.fairness.verify}
                </button>
              ) : (
                <span className="shrink-0 text-xs text-zinc-600">{t.draws.noProof}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {last?.nextCursor ? (
        <button
          type="button"
          disabled={loadingMore}
          onClick={() => void more(last.nextCursor!)}
          className="mt-2 h-9 w-full rounded-full bg-zinc-100 text-sm font-semibold text-zinc-900"
          data-testid="more-draws"
        >
          {loadingMore ? t.fairness.loading : t.draws.more}
        </button>
      ) : null}
    </section>
  );
}
