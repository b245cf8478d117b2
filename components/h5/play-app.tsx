// The play page's interactive part. The server decides every draw; this only asks, animates
// to the answer and says what happened. A draw keeps its Idempotency-Key until it has an
// answer, so a lost reply is asked again and shows the one result the server recorded.
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { callApi, type ApiResult, type DrawResult, type MyState, type MyTask, type MyWin } from '@/lib/h5/play-client';
import type { PlayActivity, PlayAppProps } from '@/lib/h5/page-props';
import { messages, type Locale, type Messages } from '@/lib/i18n/messages';
import { ClaimDialog } from './claim-dialog';
import { VerifyDraw } from './verify-draw';
import { MyDraws } from './my-draws';
import { MyPrizes } from './my-prizes';
import { NineGrid } from './nine-grid';
import { ResultDialog } from './result-dialog';
import { RulesSheet } from './rules-sheet';
import { ScratchCard } from './scratch-card';
import { segmentsOf } from './segments';
import { confirmedByHost, TasksList } from './tasks-list';
import { getToken, newIdempotencyKey, setToken as storeToken, takeTokenFromFragment } from './token-store';
import { Wheel, type Board } from './wheel';

type NoticeKind =
  | 'offline'
  | 'server'
  | 'busy'
  | 'blocked'
  | 'auth'
  | 'notFound'
  | 'stateFailed'
  | 'taskLost'
  | 'zero-today'
  | 'zero-total'
  | 'zero-tasks'
  | 'zero-none';
/**
 * What the page says, and what "Try again" does: `draw` asks again for the draw whose answer
 * was lost (same Idempotency-Key), `state` reloads chances, tasks and prizes and draws nothing.
 */
type Notice = { kind: NoticeKind; retry?: 'draw' | 'state'; requestId?: string } | null;

const DRAW_ATTEMPTS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function PlayApp({ activity: given, initialLocale, demoPicker }: PlayAppProps) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const activity = useMemo(() => localized(given, locale), [given, locale]);
  // Rules open over the game (RulesSheet), with the rules page's address in the history, so the
  // back button closes them; the link still works as a plain link without script.
  const [rulesOpen, setRulesOpen] = useState(false);
  const openRules = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    window.history.pushState({ rules: true }, '', `/play/${activity.id}/rules`);
    setRulesOpen(true);
  };
  const rulesLink = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const onPop = () => {
      const open = window.location.pathname.endsWith('/rules');
      setRulesOpen(open);
      // Closed: focus goes back where the reader left the game.
      if (!open) rulesLink.current?.focus();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const t: Messages = messages[locale];
  const [token, setTokenState] = useState<string | null>(null);
  const [me, setMe] = useState<MyState | null>(null);
  const [status, setStatus] = useState(activity.status);
  const [phase, setPhase] = useState<'idle' | 'drawing' | 'animating' | 'shown'>('idle');
  const [result, setResult] = useState<DrawResult | null>(null);
  const [drawSeq, setDrawSeq] = useState(0);
  const board = useRef<Board>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [claiming, setClaiming] = useState<{ winId: string; prizeName: string } | null>(null);
  const [verifying, setVerifying] = useState<string | null>(null);
  const [busyTask, setBusyTask] = useState<string | null>(null);
  const [reducedMotion, setReducedMotion] = useState(false);
  const [demoUsers, setDemoUsers] = useState<{ userId: string; token: string }[] | null>(null);
  const [announce, setAnnounce] = useState('');
  const pendingKey = useRef<string | null>(null);
  const drawButton = useRef<HTMLButtonElement>(null);
  const now = Date.now();
  const period = now < Date.parse(activity.startsAt) ? 'before' : now >= Date.parse(activity.endsAt) ? 'after' : 'in';

  const acceptToken = useCallback((value: string) => {
    storeToken(value);
    setTokenState(value);
  }, []);

  useEffect(() => {
    const fromFragment = takeTokenFromFragment();
    const known = fromFragment ?? getToken();
    if (known) acceptToken(known);
    // A token is taken only from the window that embeds or opened the page, and only when that
    // window is one of the tenant's host app origins: any other page could hand us its own
    // user's token (or learn that we are listening).
    const hostOrigins = activity.hostAppOrigins;
    const onMessage = (e: MessageEvent) => {
      const fromEmbedder = e.source !== window && (e.source === window.parent || e.source === window.opener);
      const fromHost = fromEmbedder && hostOrigins.includes(e.origin);
      const data = e.data as { type?: unknown; token?: unknown } | null;
      if (fromHost && data && data.type === 'lottery:token' && typeof data.token === 'string') acceptToken(data.token);
    };
    window.addEventListener('message', onMessage);
    const host = window.parent !== window ? window.parent : (window.opener as Window | null);
    // postMessage delivers to the named origin only: a host at any other origin hears nothing.
    const ready = { type: 'lottery:ready', activityId: activity.id };
    if (host) for (const origin of hostOrigins) host.postMessage(ready, origin);
    const motion = window.matchMedia('(prefers-reduced-motion: reduce)');
    setReducedMotion(motion.matches);
    const onMotion = () => setReducedMotion(motion.matches);
    motion.addEventListener('change', onMotion);
    return () => {
      window.removeEventListener('message', onMessage);
      motion.removeEventListener('change', onMotion);
    };
  }, [activity.id, activity.hostAppOrigins, acceptToken]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.cookie = `lang=${locale}; path=/; max-age=31536000; samesite=lax`;
  }, [locale]);

  const refresh = useCallback(
    async (withToken = token) => {
      if (!withToken) return;
      const r = await callApi<MyState>(withToken, `/api/v1/activities/${activity.id}/me?lang=${locale}`);
      if (r.ok) {
        setMe(r.data);
        setNotice((n) => (n?.retry === 'state' ? null : n));
      } else {
        const known = noticeOf(r);
        // Nothing was drawn: the message says the state did not load, and its retry reloads it.
        setNotice(
          known && (known.kind === 'offline' || known.kind === 'server')
            ? { kind: 'stateFailed', retry: 'state', requestId: known.requestId }
            : known,
        );
      }
    },
    [activity.id, token, locale],
  );

  const refreshStatus = useCallback(async () => {
    if (!token) return;
    const r = await callApi<{ status: string }>(token, `/api/v1/activities/${activity.id}`);
    if (r.ok) setStatus(r.data.status);
  }, [activity.id, token]);

  // One view per load of the page, once it has a user (the dashboard funnel's first step).
  const viewCounted = useRef(false);
  useEffect(() => {
    if (!token || viewCounted.current) return;
    viewCounted.current = true;
    void callApi(token, `/api/v1/activities/${activity.id}/views`, { method: 'POST' });
  }, [activity.id, token]);

  useEffect(() => {
    if (!token) return;
    void refresh(token);
    // The shell may be a few seconds old; the live status comes from the API.
    void refreshStatus();
  }, [token, refresh, refreshStatus]);

  useEffect(() => {
    if (!demoPicker) return;
    fetch(`/play/${activity.id}/demo-users`, { cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { users: { userId: string; token: string }[] } | null) => setDemoUsers(body?.users ?? null))
      .catch(() => undefined);
  }, [demoPicker, activity.id]);

  const live = status === 'LIVE' && period === 'in';
  const chances = me?.chances ?? 0;

  async function draw() {
    if (!token || phase === 'drawing' || phase === 'animating') return;
    const key = (pendingKey.current ??= newIdempotencyKey());
    setPhase('drawing');
    setNotice(null);
    setAnnounce(t.drawing);
    let r: ApiResult<DrawResult> = { ok: false, kind: 'network' };
    for (let attempt = 1; attempt <= DRAW_ATTEMPTS; attempt++) {
      r = await callApi<DrawResult>(token, `/api/v1/activities/${activity.id}/draws`, {
        method: 'POST',
        headers: { 'idempotency-key': key },
      });
      const retryable = !r.ok && (r.kind === 'network' || r.status >= 500);
      if (!retryable || attempt === DRAW_ATTEMPTS) break;
      await sleep(!r.ok && r.kind === 'http' && r.retryAfterSeconds ? r.retryAfterSeconds * 1000 : 400 * attempt);
    }
    if (!r.ok) {
      setPhase('idle');
      setAnnounce('');
      // A refusal is an answer: the next draw is a new one. A lost or failed reply is not.
      if (r.kind === 'http' && r.status < 500) pendingKey.current = null;
      if (r.kind === 'http' && r.code === 'ACTIVITY_NOT_LIVE') void refreshStatus();
      if (r.kind === 'http' && (r.code === 'NO_CHANCES' || r.code === 'DRAW_LIMIT_REACHED')) void refresh();
      const said = noticeOf(
        r,
        r.kind === 'http' && r.code === 'DRAW_LIMIT_REACHED'
          ? /today/.test(r.message)
            ? 'zero-today'
            : 'zero-total'
          : undefined,
      );
      // Only a draw whose answer was lost (pendingKey still set) is asked again.
      setNotice(said && pendingKey.current ? { ...said, retry: 'draw' } : said);
      return;
    }
    pendingKey.current = null;
    setResult(localizedResult(r.data, activity));
    setMe((m) => (m ? { ...m, chances: r.data.chancesLeft } : m));
    setPhase('animating');
    setDrawSeq((n) => n + 1);
    board.current?.play(r.data.tier?.id ?? null);
  }

  const landed = useCallback(() => {
    setPhase('shown');
    setAnnounce('');
    void refresh();
  }, [refresh]);

  function closeResult() {
    setPhase('idle');
    drawButton.current?.focus();
  }

  // Share tasks the host app was asked to share, with how many times they were done when asked.
  const [waiting, setWaiting] = useState<Record<string, number>>({});
  const [confirmed, setConfirmed] = useState<string[]>([]);
  useEffect(() => {
    if (!me) return;
    const done = me.tasks.filter((x) => x.id in waiting && x.doneToday > waiting[x.id]!).map((x) => x.id);
    if (done.length === 0) return;
    setWaiting((w) => Object.fromEntries(Object.entries(w).filter(([id]) => !done.includes(id))));
    setConfirmed((c) => [...c, ...done]);
  }, [me, waiting]);
  // While the app has not confirmed, the page asks for the state every few seconds.
  const anyWaiting = Object.keys(waiting).length > 0;
  useEffect(() => {
    if (!anyWaiting) return;
    const timer = setInterval(() => void refresh(), 3000);
    return () => clearInterval(timer);
  }, [anyWaiting, refresh]);

  async function completeTask(task: MyTask) {
    if (!token) return;
    if (confirmedByHost(task)) {
      // The app shares and its server confirms (share_confirmed); a tap alone pays nothing.
      const host = window.parent !== window ? window.parent : (window.opener as Window | null);
      const ask = { type: 'lottery:share', activityId: activity.id, taskId: task.id };
      if (host) for (const origin of activity.hostAppOrigins) host.postMessage(ask, origin);
      setWaiting((w) => ({ ...w, [task.id]: task.doneToday }));
      return;
    }
    setBusyTask(task.id);
    const r = await callApi(token, `/api/v1/activities/${activity.id}/tasks/${task.id}/complete`, { method: 'POST' });
    setBusyTask(null);
    const lost = !r.ok && (r.kind === 'network' || r.status >= 500);
    // A lost answer may still have counted: the page reloads the state rather than asking twice.
    if (lost) setNotice({ kind: 'taskLost', retry: 'state', requestId: r.kind === 'http' ? r.requestId : undefined });
    else if (!r.ok && !(r.kind === 'http' && r.code === 'TASK_CAP_REACHED')) setNotice(noticeOf(r));
    else setNotice(null);
    if (!r.ok && r.kind === 'http' && r.code === 'ACTIVITY_NOT_LIVE') void refreshStatus();
    await refresh();
  }

  const tierNames = useMemo(() => new Map(activity.tiers.map((x) => [x.id, x.name])), [activity.tiers]);
  const segments = useMemo(
    () =>
      segmentsOf(activity.tiers, activity.canLose, t.result.lose, {
        minimum: activity.gameplay === 'grid' ? 8 : 6,
        sizeByOdds: activity.sizeByOdds && activity.gameplay === 'wheel',
      }),
    [activity.tiers, activity.canLose, activity.gameplay, activity.sizeByOdds, t.result.lose],
  );
  const zeroNotice =
    me && chances === 0 && live && phase !== 'animating' && phase !== 'shown' ? zeroReason(me, activity) : null;
  const shown = notice ?? (zeroNotice ? { kind: zeroNotice } : null);
  const canDraw = !!token && live && !!me && chances > 0 && (phase === 'idle' || phase === 'shown');
  const stateText = !live
    ? period === 'before' || status === 'SCHEDULED'
      ? `${t.state.notYet} ${new Date(activity.startsAt).toLocaleString(locale)}`
      : period === 'after' || status === 'ENDED'
        ? t.state.ENDED
        : status === 'PAUSED'
          ? t.state.PAUSED
          : t.state.ENDED
    : null;

  const drawLabel =
    phase === 'drawing' ? t.drawing : (t.draw[activity.gameplay as keyof Messages['draw']] ?? t.draw.wheel);
  const button = (compact: boolean) => (
    <button
      ref={drawButton}
      type="button"
      onClick={draw}
      disabled={!canDraw && !(notice?.retry === 'draw' && token && live)}
      aria-busy={phase === 'drawing'}
      data-testid="draw-button"
      className={`${compact ? 'size-full rounded-xl text-base' : 'h-14 w-full max-w-xs rounded-full text-lg'} bg-[var(--theme)] font-bold text-white shadow-md transition active:scale-[0.98] disabled:bg-zinc-400 disabled:shadow-none`}
    >
      {notice?.retry === 'draw' ? t.retry : drawLabel}
    </button>
  );

  const resultLabel = result ? (result.outcome === 'win' ? `${result.tier?.name ?? ''}` : t.result.lose) : null;

  return (
    <main
      className="mx-auto flex min-h-dvh w-full max-w-md flex-col gap-4 px-4 pb-10 pt-3"
      style={{ ['--theme' as string]: activity.themeColor }}
    >
      <header className="flex items-center justify-between gap-2">
        <a
          ref={rulesLink}
          href={`/play/${activity.id}/rules`}
          onClick={openRules}
          className="rounded-full bg-white/80 px-3 py-1.5 text-sm font-medium text-zinc-800 shadow-sm"
        >
          {t.rules.link}
        </a>
        <button
          type="button"
          aria-label={t.languageLabel}
          onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
          className="rounded-full bg-white/80 px-3 py-1.5 text-sm font-medium text-zinc-800 shadow-sm"
          lang={locale === 'en' ? 'zh-CN' : 'en'}
        >
          {t.language}
        </button>
      </header>
      <h1 className="text-center text-2xl font-extrabold leading-tight text-zinc-900">{activity.title}</h1>

      {demoUsers && !token ? (
        <div
          className="rounded-2xl border border-dashed border-amber-400 bg-amber-50 p-3 text-sm text-amber-950"
          data-testid="demo-picker"
        >
          <p className="mb-2 font-semibold">{t.demo.pick}</p>
          <div className="flex flex-wrap gap-2">
            {demoUsers.map((u) => (
              <button
                key={u.userId}
                type="button"
                onClick={() => acceptToken(u.token)}
                className="rounded-full bg-white px-3 py-1 font-medium shadow-sm"
              >
                {u.userId}
              </button>
            ))}
          </div>
          <p className="mt-2 text-xs">{t.demo.note}</p>
        </div>
      ) : null}

      <p className="text-center text-sm font-medium text-zinc-700" data-testid="chances">
        {t.chances}:{' '}
        <span className="text-2xl font-extrabold text-[var(--theme)]" data-testid="chances-count">
          {me ? chances : '–'}
        </span>
      </p>

      <div className={activity.gameplay === 'scratch' ? '' : 'min-h-[300px]'}>
        {activity.gameplay === 'grid' ? (
          <NineGrid
            ref={board}
            segments={segments}
            reducedMotion={reducedMotion}
            onLanded={landed}
            center={button(true)}
            label={activity.name}
          />
        ) : activity.gameplay === 'scratch' ? (
          <ScratchCard
            key={drawSeq}
            ready={!!result && phase !== 'drawing'}
            resultLabel={resultLabel}
            tierId={result?.tier?.id ?? null}
            onRevealed={landed}
            coatingLabel={t.scratchHint}
            revealLabel={t.revealAll}
            label={activity.name}
          />
        ) : (
          <Wheel
            ref={board}
            segments={segments}
            reducedMotion={reducedMotion}
            onLanded={landed}
            themeColor={activity.themeColor}
            label={activity.name}
          />
        )}
      </div>

      {activity.gameplay !== 'grid' ? <div className="flex justify-center">{button(false)}</div> : null}

      {/* Reserved space: a message appearing moves nothing below it. */}
      <div className="min-h-[3.5rem]" aria-live="polite" data-testid="notice">
        {stateText ? (
          <p
            className="rounded-2xl bg-zinc-900/85 px-4 py-3 text-center text-sm font-medium text-white"
            data-testid="activity-state"
          >
            {stateText}
          </p>
        ) : shown ? (
          <p
            className={`rounded-2xl px-4 py-3 text-center text-sm font-medium ${shown.kind.startsWith('zero') ? 'bg-amber-50 text-amber-950' : 'bg-rose-50 text-rose-900'}`}
            data-testid="notice-text"
            data-kind={shown.kind}
          >
            {noticeText(shown.kind, t)}
            {shown.kind !== 'stateFailed' && shown.kind !== 'taskLost' ? null : (
              <button
                type="button"
                onClick={() => void refresh()}
                className="ml-2 rounded-full bg-white px-3 py-1 font-semibold text-rose-900 shadow-sm"
                data-testid="reload-state"
              >
                {t.retry}
              </button>
            )}
            {'requestId' in shown && shown.requestId ? (
              <span className="mt-1 block text-xs font-normal opacity-80" data-testid="request-id">
                {t.errors.reference} {shown.requestId}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>
      <p className="sr-only" role="status">
        {announce}
      </p>

      {me ? (
        <TasksList
          tasks={me.tasks}
          t={t}
          busyTaskId={busyTask}
          waitingTaskIds={Object.keys(waiting)}
          confirmedTaskIds={confirmed}
          disabled={!live}
          onComplete={completeTask}
        />
      ) : null}
      {me ? (
        <MyPrizes
          wins={me.wins}
          t={t}
          locale={locale}
          now={now}
          tierNames={tierNames}
          onClaim={(w: MyWin) => setClaiming({ winId: w.id, prizeName: w.prize.name })}
          onVerify={(w: MyWin) => setVerifying(w.drawId)}
        />
      ) : null}
      {me && token ? (
        <MyDraws
          activityId={activity.id}
          token={token}
          locale={locale}
          t={t}
          tierNames={tierNames}
          reloadKey={drawSeq}
          onVerify={setVerifying}
        />
      ) : null}

      {phase === 'shown' && result ? (
        <ResultDialog
          result={result}
          t={t}
          onClose={closeResult}
          onClaim={
            result.outcome === 'win' && result.prizes.some((p) => p.kind === 'physical')
              ? () => {
                  const i = result.prizes.findIndex((p) => p.kind === 'physical');
                  setPhase('idle');
                  setClaiming({ winId: result.winIds[i]!, prizeName: result.prizes[i]!.name });
                }
              : null
          }
        />
      ) : null}
      {rulesOpen ? <RulesSheet activityId={activity.id} t={t} onClose={() => window.history.back()} /> : null}
      {verifying && token ? (
        <VerifyDraw
          drawId={verifying}
          activityId={activity.id}
          token={token}
          t={t}
          tierNames={activity.tiers.map((tier) => tier.name)}
          onClose={() => setVerifying(null)}
        />
      ) : null}
      {claiming && token ? (
        <ClaimDialog
          winId={claiming.winId}
          prizeName={claiming.prizeName}
          token={token}
          t={t}
          locale={locale}
          onCancel={() => setClaiming(null)}
          onDone={() => {
            setClaiming(null);
            void refresh();
          }}
        />
      ) : null}
    </main>
  );
}

/** The activity with its texts in `locale` (the untranslated ones where it has none). */
function localized(activity: PlayActivity, locale: Locale): PlayActivity {
  const texts = activity.texts[locale];
  if (!texts) return activity;
  return {
    ...activity,
    title: texts.title,
    tiers: activity.tiers.map((t) => ({
      ...t,
      name: texts.tiers[t.id] ?? t.name,
      prizes: t.prizes.map((p) => ({ ...p, name: texts.prizes[p.prizeId] ?? p.name })),
    })),
  };
}

/** A draw's answer with the tier and prize names the page shows in its language. */
function localizedResult(result: DrawResult, activity: PlayActivity): DrawResult {
  const tier = result.tier ? activity.tiers.find((t) => t.id === result.tier!.id) : undefined;
  const names = new Map(activity.tiers.flatMap((t) => t.prizes.map((p) => [p.prizeId, p.name] as const)));
  return {
    ...result,
    tier: result.tier ? { ...result.tier, name: tier?.name ?? result.tier.name } : null,
    prizes: result.prizes.map((p) => ({ ...p, name: names.get(p.prizeId) ?? p.name })),
  };
}

function noticeOf(r: Exclude<ApiResult<unknown>, { ok: true }>, zero?: 'zero-today' | 'zero-total'): Notice {
  if (r.kind === 'network') return { kind: 'offline' };
  const requestId = r.requestId;
  switch (r.code) {
    case 'UNAUTHORIZED':
      return { kind: 'auth', requestId };
    case 'NOT_FOUND':
      return { kind: 'notFound', requestId };
    case 'RATE_LIMITED':
      return { kind: 'busy', requestId };
    case 'RISK_BLOCKED':
      return { kind: 'blocked', requestId };
    case 'NO_CHANCES':
      return null;
    case 'DRAW_LIMIT_REACHED':
      return { kind: zero ?? 'zero-today' };
    case 'ACTIVITY_NOT_LIVE':
      return null;
    default:
      return { kind: 'server', requestId };
  }
}

function zeroReason(me: MyState, activity: PlayActivity): NoticeKind {
  if (activity.limits.maxDrawsPerDay !== null && me.drawsToday >= activity.limits.maxDrawsPerDay) return 'zero-today';
  if (me.tasks.some((x) => x.remainingToday !== 0)) return 'zero-tasks';
  if (activity.limits.freeDrawsPerDay > 0) return 'zero-today';
  return 'zero-none';
}

function noticeText(kind: NoticeKind, t: Messages): string {
  switch (kind) {
    case 'zero-today':
      return t.zero.today;
    case 'zero-total':
      return t.zero.total;
    case 'zero-tasks':
      return t.zero.tasks;
    case 'zero-none':
      return t.zero.none;
    default:
      return t.errors[kind];
  }
}
