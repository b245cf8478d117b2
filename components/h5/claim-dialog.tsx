// Shipping details for a physical prize, as a structured address in the reader's usual order
// (zh-CN: province, city, district, street; en: street, city, state, postcode, country), with
// the phone checked for that country. Checked here with the rules the server applies
// (lib/fulfilment/claim-rules.ts), errors beside their fields; then by the server, which also
// decides who may claim. A lost answer is said to be lost: sending again is safe (a claim is
// only ever the winner's latest address).
import { useEffect, useRef, useState } from 'react';
import {
  ADDRESS_FIELDS,
  addressProblems,
  CLAIM_NAME_MAX,
  phoneOk,
  type AddressField,
} from '@/lib/fulfilment/claim-rules';
import { callApi } from '@/lib/h5/play-client';
import type { Locale, Messages } from '@/lib/i18n/messages';

type Field = 'name' | 'phone' | AddressField;
const COUNTRIES = ['GB', 'US', 'SG', 'HK', 'CN'];
const FIELD = 'mt-1 w-full rounded-xl border px-3 py-2.5 text-base text-zinc-900';
const FORM = 'max-h-dvh w-full max-w-md space-y-3 overflow-y-auto rounded-t-3xl bg-white p-5 shadow-2xl sm:rounded-3xl';

export function ClaimDialog({
  winId,
  prizeName,
  token,
  t,
  locale,
  onDone,
  onCancel,
}: {
  winId: string;
  prizeName: string;
  token: string;
  t: Messages;
  locale: Locale;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<Record<Field, string>>({
    name: '',
    phone: '',
    province: '',
    city: '',
    district: '',
    street: '',
    postcode: '',
    country: locale === 'zh-CN' ? 'CN' : '',
  });
  const [bad, setBad] = useState<Field[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const fields = ADDRESS_FIELDS[locale];

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const country = locale === 'zh-CN' ? 'CN' : values.country;
    const problems: Field[] = [];
    const name = values.name.trim();
    if (name.length < 1 || name.length > CLAIM_NAME_MAX) problems.push('name');
    if (!phoneOk(values.phone, country)) problems.push('phone');
    problems.push(...addressProblems(values, locale));
    setBad(problems);
    if (problems.length) return;
    setBusy(true);
    setServerError(null);
    const address: Record<string, string> = { country };
    for (const { field } of fields) if (values[field].trim()) address[field] = values[field].trim();
    const r = await callApi(token, `/api/v1/wins/${winId}/claim`, {
      method: 'POST',
      body: { name, phone: values.phone.trim(), address },
    });
    setBusy(false);
    if (r.ok) return onDone();
    if (r.kind === 'network' || r.status >= 500) {
      setServerError(
        `${t.errors.claimLost}${r.kind === 'http' && r.requestId ? ` ${t.errors.reference} ${r.requestId}` : ''}`,
      );
      return;
    }
    setServerError(`${r.message || t.errors.server}${r.requestId ? ` (${t.errors.reference} ${r.requestId})` : ''}`);
  }

  const error = (name: Field) =>
    bad.includes(name) ? (
      <p id={`claim-${name}-error`} className="mt-1 text-sm text-rose-700">
        {name === 'name' ? t.claim.bad.name : name === 'phone' ? t.claim.bad.phone : t.claim.badParts[name]}
      </p>
    ) : null;
  const props = (name: Field) => ({
    id: `claim-${name}`,
    name,
    value: values[name],
    'aria-invalid': bad.includes(name),
    'aria-describedby': bad.includes(name) ? `claim-${name}-error` : undefined,
    className: `${FIELD} ${bad.includes(name) ? 'border-rose-600' : 'border-zinc-300'}`,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((v) => ({ ...v, [name]: e.target.value })),
  });
  const label = (name: Field, text: string) => (
    <label htmlFor={`claim-${name}`} className="text-sm font-medium text-zinc-800">
      {text}
    </label>
  );
  const autoComplete: Record<AddressField, string> = {
    province: 'address-level1',
    city: 'address-level2',
    district: 'address-level3',
    street: 'street-address',
    postcode: 'postal-code',
    country: 'country',
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
        className={FORM}
        data-testid="claim-dialog"
      >
        <h2 id="claim-title" className="text-lg font-bold text-zinc-900">
          {t.claim.title}: {prizeName}
        </h2>
        <div>
          {label('name', t.claim.name)}
          <input ref={first} type="text" autoComplete="name" {...props('name')} />
          {error('name')}
        </div>
        <div>
          {label('phone', t.claim.phone)}
          <input type="tel" inputMode="tel" autoComplete="tel" {...props('phone')} />
          {error('phone')}
        </div>
        {fields.map(({ field }) => (
          <div key={field}>
            {label(field, t.claim.parts[field] ?? field)}
            {field === 'country' ? (
              <select autoComplete="country" {...props('country')}>
                <option value="">—</option>
                {COUNTRIES.map((c) => (
                  <option key={c} value={c}>
                    {t.claim.countries[c] ?? c}
                  </option>
                ))}
              </select>
            ) : (
              <input type="text" autoComplete={autoComplete[field]} {...props(field)} />
            )}
            {error(field)}
          </div>
        ))}
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
