import { getConsoleT } from '../i18n-server';

/** A stock change: "+25" in green, "-10" in red, an em dash for no change. */
export async function SignedDelta({ value }: { value: number }) {
  const t = await getConsoleT();
  if (value === 0) {
    return (
      <span className="text-zinc-500">
        <span aria-hidden>—</span>
        <span className="sr-only">{t('no change')}</span>
      </span>
    );
  }
  return (
    <span className={`font-medium tabular-nums ${value > 0 ? 'text-emerald-700' : 'text-red-700'}`}>
      {t.number(value, { signDisplay: 'exceptZero' })}
    </span>
  );
}
