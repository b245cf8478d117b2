'use client';

// The console's "Provably fair" panel of a published activity: its committed seeds (each revealed
// one with its bytes) and "Verify all draws", which recomputes every draw on the server from the
// records and the revealed seeds, as `npm run -s verify` does (docs/fairness.md).
import { useId, useState, useTransition } from 'react';
import type { FairnessDto } from '@/lib/fairness/get-activity-fairness';
import type { FormResult } from '@/lib/http/form-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useT } from '../i18n';
import { formatInstant } from './format';

export type FairnessCheck = {
  verified: number;
  mismatches: { drawId: string; reason: string }[];
  notProvable: number;
};

export function FairnessPanel({
  fairness,
  timezone,
  verify,
}: {
  fairness: FairnessDto;
  timezone: string;
  verify: () => Promise<FormResult<FairnessCheck>>;
}) {
  const t = useT();
  const [result, setResult] = useState<FairnessCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const headingId = useId();
  const revealed = fairness.seeds.some((s) => s.seed);

  function run() {
    setError(null);
    startTransition(async () => {
      const r = await verify();
      if (r.ok) setResult(r.data);
      else setError(r.error.message);
    });
  }

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5"
      data-testid="fairness-panel"
    >
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-zinc-900">
            {t('Provably fair')}
          </h2>
          <p className="text-sm text-zinc-600">
            {t(
              'Each draw’s number is derived from the committed seed ({algorithm}); players can check their own once the seed is revealed, at the end or when you rotate it.',
              { algorithm: fairness.algorithm },
            )}
          </p>
        </div>
        <button
          type="button"
          onClick={run}
          disabled={pending || !revealed}
          title={revealed ? undefined : t('Draws can be verified once a seed is revealed')}
          className={buttonClasses('secondary')}
          data-testid="verify-all"
        >
          {pending ? <Spinner /> : null} {t('Verify all draws')}
        </button>
      </div>
      <ol className="space-y-2 text-sm">
        {fairness.seeds.map((s, i) => (
          <li key={s.commitment} className="rounded-lg bg-zinc-50 p-3" data-testid="fairness-seed">
            <p className="text-xs text-zinc-600">
              {s.activeTo
                ? t('Seed {n} · from {from} to {to}', {
                    n: i + 1,
                    from: formatInstant(s.activeFrom, timezone, t.locale),
                    to: formatInstant(s.activeTo, timezone, t.locale),
                  })
                : t('Seed {n} · from {from} · in use', {
                    n: i + 1,
                    from: formatInstant(s.activeFrom, timezone, t.locale),
                  })}
            </p>
            <p className="font-mono text-xs break-all">
              <span className="text-zinc-500">{t('commitment')} </span>
              {s.commitment}
            </p>
            <p className="font-mono text-xs break-all" data-testid="fairness-reveal">
              <span className="text-zinc-500">{t('seed')} </span>
              {s.seed ?? <span className="font-sans text-zinc-500">{t('not revealed yet')}</span>}
            </p>
          </li>
        ))}
      </ol>
      {error ? <p className="text-sm text-rose-700">{error}</p> : null}
      {result ? (
        <p
          role="status"
          className={`rounded-lg px-4 py-3 text-sm font-medium ${result.mismatches.length ? 'bg-rose-50 text-rose-900' : 'bg-emerald-50 text-emerald-900'}`}
          data-testid="verify-all-result"
        >
          {t('verified {verified}, mismatches {mismatches}', {
            verified: result.verified,
            mismatches: result.mismatches.length,
          })}
          {result.notProvable ? ` · ${t('{count} draws made before the seed', { count: result.notProvable })}` : ''}

          {result.mismatches.slice(0, 5).map((m) => (
            <span key={m.drawId} className="mt-1 block font-mono text-xs">
              {m.drawId}: {m.reason}
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
