// "Verify" on one of the user's draws: the proof (GET /api/v1/draws/{id}/proof, the user's own)
// and the activity's seeds; once the seed is revealed the draw is recomputed here, in the
// browser (recompute-draw.ts), and compared with the proof. Before that, the commitment. A fixed
// winner's proof names their place in the reservoir sampling, which the rules page describes.
import { useEffect, useRef, useState } from 'react';
import type { DrawProof } from '@/lib/fairness/get-draw-proof';
import type { FairnessDto } from '@/lib/fairness/get-activity-fairness';
import { callApi } from '@/lib/h5/play-client';
import type { Messages } from '@/lib/i18n/messages';
import { recomputeDraw } from './recompute-draw';

type Checked =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'sealed'; proof: DrawProof }
  | { kind: 'fixed'; proof: DrawProof & { fixedWinner: NonNullable<DrawProof['fixedWinner']> } }
  | { kind: 'checked'; proof: DrawProof; seed: string; r: number; tier: number | null; ok: boolean };

export function VerifyDraw({
  drawId,
  activityId,
  token,
  t,
  tierNames,
  onClose,
}: {
  drawId: string;
  activityId: string;
  token: string;
  t: Messages;
  tierNames: string[];
  onClose: () => void;
}) {
  const [state, setState] = useState<Checked>({ kind: 'loading' });
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  useEffect(() => {
    let live = true;
    void (async () => {
      const [proof, fairness] = await Promise.all([
        callApi<DrawProof>(token, `/api/v1/draws/${drawId}/proof`),
        callApi<FairnessDto>(token, `/api/v1/activities/${activityId}/fairness`),
      ]);
      if (!live) return;
      if (!proof.ok) return setState({ kind: 'failed', message: proof.kind === 'http' ? proof.message : '' });
      const { fixedWinner } = proof.data;
      if (fixedWinner) return setState({ kind: 'fixed', proof: { ...proof.data, fixedWinner } });
      const seed = fairness.ok
        ? fairness.data.seeds.find((s) => s.commitment === proof.data.commitment)?.seed
        : undefined;
      if (!seed) return setState({ kind: 'sealed', proof: proof.data });
      const p = proof.data;
      const again = await recomputeDraw(seed, p.activityId, p.userId, p.idempotencyKey, p.odds);
      const ok = again.r === p.r && again.i === p.i && again.tier === p.pickedTier;
      if (live) setState({ kind: 'checked', proof: p, seed, r: again.r, tier: again.tier, ok });
    })();
    return () => {
      live = false;
    };
  }, [drawId, activityId, token]);

  const f = t.fairness;
  const tierName = (i: number | null) => (i === null ? f.none : (tierNames[i] ?? `#${i + 1}`));
  return (
    <div
      className="fixed inset-0 z-40 flex items-end justify-center bg-zinc-950/50 p-4 sm:items-center"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="verify-title"
        data-testid="verify-dialog"
        data-state={state.kind === 'checked' ? (state.ok ? 'verified' : 'mismatch') : state.kind}
        className="w-full max-w-sm space-y-3 rounded-3xl bg-white p-5 text-sm text-zinc-900 shadow-2xl"
      >
        <h2 id="verify-title" className="text-lg font-bold">
          {f.title}
        </h2>
        <p className="text-zinc-600">{f.intro}</p>
        {state.kind === 'loading' ? <p>{f.loading}</p> : null}
        {state.kind === 'failed' ? <p className="text-rose-700">{state.message || f.mismatch}</p> : null}
        {state.kind === 'fixed' ? (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-zinc-600">{f.commitment}</dt>
              <dd className="break-all font-mono text-xs" data-testid="verify-commitment">
                {state.proof.commitment}
              </dd>
            </dl>
            <p className="rounded-2xl bg-zinc-50 p-3" data-testid="verify-fixed-winner">
              {f.fixedWinner(state.proof.fixedWinner.position, state.proof.fixedWinner.participants)}
            </p>
          </>
        ) : null}
        {state.kind === 'sealed' || state.kind === 'checked' ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            <dt className="text-zinc-600">{f.commitment}</dt>
            <dd className="break-all font-mono text-xs" data-testid="verify-commitment">
              {state.proof.commitment}
            </dd>
            <dt className="text-zinc-600">{f.number}</dt>
            <dd className="tabular-nums">{state.proof.r?.toLocaleString() ?? '–'}</dd>
            <dt className="text-zinc-600">{f.tier}</dt>
            <dd>{tierName(state.proof.pickedTier)}</dd>
          </dl>
        ) : null}
        {state.kind === 'sealed' ? <p className="rounded-2xl bg-zinc-50 p-3">{f.notRevealed}</p> : null}
        {state.kind === 'checked' ? (
          <p
            className={`rounded-2xl p-3 font-semibold ${state.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-rose-50 text-rose-800'}`}
            data-testid="verify-result"
          >
            {state.ok ? f.match : `${f.mismatch} (${state.r.toLocaleString()}, ${tierName(state.tier)})`}
          </p>
        ) : null}
        <button
          ref={close}
          type="button"
          onClick={onClose}
          className="h-10 w-full rounded-full bg-zinc-100 font-semibold text-zinc-900"
        >
          {f.close}
        </button>
      </div>
    </div>
  );
}
