// Shipping details for a physical prize: checked here with the same rules the server applies
// (lib/fulfilment/claim-rules.ts), then by the server, which also decides who may claim.
import { useEffect, useRef, useState } from 'react';
import { claimProblems, type ClaimField } from '@/lib/fulfilment/claim-rules';
import { callApi } from '@/lib/h5/play-client';
import type { Messages } from '@/lib/i18n/messages';

export function ClaimDialog({
  winId,
  prizeName,
  token,
  t,
  onDone,
  onCancel,
}: {
  winId: string;
  prizeName: string;
  token: string;
  t: Messages;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Record<ClaimField, string>>({ name: '', phone: '', address: '' });
  const [bad, setBad] = useState<ClaimField[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problems = claimProblems(values);
    setBad(problems);
    if (problems.length) return;
    setBusy(true);
    setServerError(null);
    const r = await callApi(token, `/api/v1/wins/${winId}/claim`, {
      method: 'POST',
      body: { name: values.name.trim(), phone: values.phone.trim(), address: values.address.trim() },
    });
    setBusy(false);
    if (r.ok) return onDone();
    setServerError(r.kind === 'network' ? t.errors.offline : r.message || t.errors.server);
  }

  const field = (name: ClaimField, label: string, type: 'text' | 'tel' | 'textarea', autoComplete: string) => {
    const invalid = bad.includes(name);
    const common = {
      id: `claim-${name}`,
      name,
      value: values[name],
      'aria-invalid': invalid,
      'aria-describedby': invalid ? `claim-${name}-error` : undefined,
      autoComplete,
      className: `mt-1 w-full rounded-xl border px-3 py-2.5 text-base text-zinc-900 ${invalid ? 'border-rose-600' : 'border-zinc-300'}`,
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        setValues((v) => ({ ...v, [name]: e.target.value })),
    };
    return (
      <div>
        <label htmlFor={`claim-${name}`} className="text-sm font-medium text-zinc-800">
          {label}
        </label>
        {type === 'textarea' ? (
          <textarea rows={3} {...common} />
        ) : (
          <input
            ref={name === 'name' ? first : undefined}
            type={type}
            inputMode={type === 'tel' ? 'tel' : undefined}
            {...common}
          />
        )}
        {invalid ? (
          <p id={`claim-${name}-error`} className="mt-1 text-sm text-rose-700">
            {t.claim.bad[name]}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <div
      className="fixed inset-0 z-50 flex items-end justify-center bg-zinc-950/50 sm:items-center"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="claim-title"
        noValidate
        onSubmit={submit}
        className="w-full max-w-md space-y-3 rounded-t-3xl bg-white p-5 shadow-2xl sm:rounded-3xl"
        data-testid="claim-dialog"
      >
        <h2 id="claim-title" className="text-lg font-bold text-zinc-900">
          {t.claim.title}: {prizeName}
        </h2>
        {field('name', t.claim.name, 'text', 'name')}
        {field('phone', t.claim.phone, 'tel', 'tel')}
        {field('address', t.claim.address, 'textarea', 'street-address')}
        <p role="alert" className="min-h-5 text-sm text-rose-700">
          {serverError}
        </p>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={onCancel}
            className="h-11 flex-1 rounded-full bg-zinc-100 font-semibold text-zinc-900"
          >
            {t.claim.cancel}
          </button>
          <button
            type="submit"
            disabled={busy}
            className="h-11 flex-1 rounded-full bg-[var(--theme)] font-semibold text-white disabled:opacity-60"
          >
            {t.claim.submit}
          </button>
        </div>
      </form>
    </div>
  );
}
