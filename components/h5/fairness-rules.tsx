// The rules page's "Provably fair" section: the algorithm, every committed seed (revealed ones
// with their bytes) and, once one is revealed, a form that recomputes a draw from its proof in
// the browser. The rules page ships no bundle, so the form's script is inlined here, built from
// recompute-draw.ts's own source.
import type { FairnessDto } from '@/lib/fairness/get-activity-fairness';
import type { Messages } from '@/lib/i18n/messages';
import { recomputeDraw } from './recompute-draw';

const FORM_SCRIPT = `(() => {
  const recomputeDraw = ${recomputeDraw.toString()};
  const form = document.getElementById('verify-form');
  const out = document.getElementById('verify-out');
  const seeds = JSON.parse(form.dataset.seeds);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const p = JSON.parse(form.elements.proof.value);
      const seed = seeds[p.commitment];
      if (!seed) throw new Error(form.dataset.sealed);
      const again = await recomputeDraw(seed, p.activityId, p.userId, p.idempotencyKey, p.odds);
      const ok = again.i === p.i && again.r === p.r && again.tier === p.pickedTier;
      out.dataset.state = ok ? 'verified' : 'mismatch';
      out.textContent = (ok ? form.dataset.match : form.dataset.mismatch) + ' r = ' + again.r +
        ', ' + form.dataset.tier + ' = ' + (again.tier === null ? form.dataset.none : '#' + (again.tier + 1));
    } catch (err) {
      out.dataset.state = 'failed';
      out.textContent = err.message;
    }
  });
})();`;

export function FairnessRules({ fairness, t }: { fairness: FairnessDto; t: Messages['fairness'] }) {
  const revealed = Object.fromEntries(fairness.seeds.flatMap((s) => (s.seed ? [[s.commitment, s.seed]] : [])));
  return (
    <section aria-labelledby="fairness" data-testid="rules-fairness">
      <h2 id="fairness" className="mb-1 font-bold">
        {t.title}
      </h2>
      <p className="mb-2 text-sm text-zinc-600">{t.intro}</p>
      <ul className="space-y-2 text-sm">
        {fairness.seeds.map((s) => (
          <li key={s.commitment} className="rounded-2xl bg-zinc-50 p-3" data-testid="rules-seed">
            <p className="text-xs text-zinc-600">{t.commitment}</p>
            <p className="break-all font-mono text-xs" data-testid="rules-commitment">
              {s.commitment}
            </p>
            {s.seed ? (
              <>
                <p className="mt-1 text-xs text-zinc-600">{t.seed}</p>
                <p className="break-all font-mono text-xs" data-testid="rules-revealed-seed">
                  {s.seed}
                </p>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-zinc-500">{fairness.algorithm}</p>
      {Object.keys(revealed).length ? (
        <form
          id="verify-form"
          className="mt-3 space-y-2"
          data-seeds={JSON.stringify(revealed)}
          data-match={t.match}
          data-mismatch={t.mismatch}
          data-sealed={t.notRevealed}
          data-tier={t.tier}
          data-none={t.none}
        >
          <label className="block text-sm font-medium" htmlFor="verify-proof">
            {t.proofLabel}
          </label>
          <textarea
            id="verify-proof"
            name="proof"
            rows={5}
            className="w-full rounded-xl border border-zinc-300 p-2 font-mono text-xs"
            spellCheck={false}
          />
          <button type="submit" className="h-10 rounded-full bg-zinc-900 px-4 text-sm font-semibold text-white">
            {t.check}
          </button>
          <p
            id="verify-out"
            role="status"
            className="text-sm font-semibold data-[state=failed]:text-rose-700 data-[state=mismatch]:text-rose-700 data-[state=verified]:text-emerald-700"
            data-testid="rules-verify-result"
          />
          <script dangerouslySetInnerHTML={{ __html: FORM_SCRIPT }} />
        </form>
      ) : (
        <p className="mt-2 text-sm">{t.notRevealed}</p>
      )}
    </section>
  );
}
