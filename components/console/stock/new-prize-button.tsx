'use client';

// Add a prize to the catalogue from the console: name, kind, unit value and the starting total
// pool, checked here for quick feedback and again on the server (the same schema as the API).
import { useId, useRef, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { PrizeDto } from '@/lib/prizes/prize-dto';
import { buttonClasses } from '@/components/ui/button-classes';
import { Dialog } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';

export type NewPrizeInput = {
  name: string;
  kind: string;
  value?: number;
  stock: number;
  /** The name per language (`{ "zh-CN": { name } }`); players reading that language see it. */
  translations?: Record<string, { name: string }>;
};
type Field = 'name' | 'nameZh' | 'kind' | 'value' | 'stock';
type Errors = Partial<Record<Field | 'form', string>>;

const inputClasses =
  'mt-1.5 block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20';
const KINDS = [
  { value: 'physical', label: msg('Physical (shipped to an address)') },
  { value: 'virtual', label: msg('Virtual (delivered with the draw)') },
  { value: 'coupon', label: msg('Coupon') },
  { value: 'points', label: msg('Points') },
];

export function NewPrizeButton({
  createAction,
}: {
  createAction: (input: NewPrizeInput) => Promise<ActionResult<{ prize: PrizeDto }>>;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState({ name: '', nameZh: '', kind: 'physical', value: '', stock: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();
  const fieldId = (f: Field) => `${id}-${f}`;

  function open() {
    setForm({ name: '', nameZh: '', kind: 'physical', value: '', stock: '' });
    setErrors({});
    dialogRef.current?.showModal();
  }

  function validate(): Errors {
    const found: Errors = {};
    if (!form.name.trim()) found.name = t('Give the prize a name.');
    if (form.value.trim() && !/^\d{1,8}(\.\d{1,2})?$/.test(form.value.trim()))
      found.value = t('A unit value like 9.90 (at most two decimals).');
    if (!/^\d{1,9}$/.test(form.stock.trim())) found.stock = t('A whole number of units, 0 or more.');
    return found;
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    const first = (['name', 'value', 'stock'] as const).find((f) => found[f]);
    if (first) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    const input: NewPrizeInput = {
      name: form.name.trim(),
      kind: form.kind,
      stock: Number(form.stock.trim()),
      ...(form.value.trim() ? { value: Number(form.value.trim()) } : {}),
      ...(form.nameZh.trim() ? { translations: { 'zh-CN': { name: form.nameZh.trim() } } } : {}),
    };
    startTransition(async () => {
      const result = await createAction(input);
      if (result.ok) {
        dialogRef.current?.close();
        toast.success(
          t('Prize added'),
          t('{name}: {count} units in the pool.', {
            name: result.data.prize.name,
            count: result.data.prize.stock.total,
          }),
        );
        return;
      }
      const { message } = result.error;
      const field = (['name', 'kind', 'value', 'stock'] as const).find((f) => message.startsWith(`${f}:`));
      setErrors(field ? { [field]: message.slice(field.length + 1).trim() } : { form: message });
      toast.error(t('Could not add the prize'), message);
    });
  }

  const input = (
    f: 'name' | 'nameZh' | 'value' | 'stock',
    label: string,
    hint: string,
    extra: Record<string, string> = {},
  ) => (
    <div>
      <label htmlFor={fieldId(f)} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <input
        id={fieldId(f)}
        name={f}
        type="text"
        autoComplete="off"
        value={form[f]}
        onChange={(e) => {
          setForm((all) => ({ ...all, [f]: e.target.value }));
          setErrors((all) => ({ ...all, [f]: undefined, form: undefined }));
        }}
        aria-invalid={errors[f] ? true : undefined}
        aria-describedby={`${fieldId(f)}-hint`}
        readOnly={pending}
        className={inputClasses}
        {...extra}
      />
      <p
        id={`${fieldId(f)}-hint`}
        className={errors[f] ? 'mt-1.5 text-sm text-red-700' : 'mt-1.5 text-xs text-zinc-500'}
      >
        {errors[f] ?? hint}
      </p>
    </div>
  );

  return (
    <>
      <button type="button" onClick={open} className={buttonClasses('primary')}>
        {t('New prize')}
      </button>
      <Dialog
        ref={dialogRef}
        titleId={`${id}-title`}
        title={t('New prize')}
        descriptionId={`${id}-description`}
        description={t(
          'A catalogue entry and its total stock pool. Activities reserve units from the pool when they are published.',
        )}
        pending={pending}
        onSubmit={onSubmit}
        footer={
          <>
            <button
              type="button"
              onClick={() => dialogRef.current?.close()}
              disabled={pending}
              className={buttonClasses('secondary')}
            >
              {t('Cancel')}
            </button>
            <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('primary')}>
              {pending ? <Spinner /> : null}
              {pending ? t('Adding…') : t('Add prize')}
            </button>
          </>
        }
      >
        {errors.form ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {errors.form}
          </p>
        ) : null}
        {input('name', t('Name'), t('As users will see it, e.g. "Tote Bag".'), {
          maxLength: '120',
          placeholder: t('e.g. Tote Bag'),
        })}
        {input('nameZh', t('中文名称 (Chinese, zh-CN)'), t('Optional: the prize as players reading Chinese see it.'), {
          maxLength: '120',
          lang: 'zh-CN',
        })}
        <div>
          <label htmlFor={fieldId('kind')} className="block text-sm font-medium text-zinc-800">
            {t('Kind')}
          </label>
          <select
            id={fieldId('kind')}
            name="kind"
            value={form.kind}
            onChange={(e) => setForm((all) => ({ ...all, kind: e.target.value }))}
            disabled={pending}
            className={inputClasses}
          >
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {t(k.label)}
              </option>
            ))}
          </select>
        </div>
        <div className="grid grid-cols-2 gap-4">
          {input('value', t('Unit value'), t('Optional; used for the prize cost.'), {
            inputMode: 'decimal',
            placeholder: '0.00',
          })}
          {input('stock', t('Starting stock'), t('Units in the total pool.'), {
            inputMode: 'numeric',
            placeholder: t('e.g. 500'),
          })}
        </div>
      </Dialog>
    </>
  );
}
