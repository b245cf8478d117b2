'use client';

// The tenant's blacklists, one tab per kind (users, devices, IPs): the entries with their
// reason, a remove button each, and a form that adds values one per line.
import { useId, useState, useTransition, type FormEvent, type KeyboardEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { RiskListEntryDto } from '@/lib/risk/risk-console-view';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { Td, Th, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { Timestamp } from '@/components/console/timestamp';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { listKindLabels } from './risk-labels';
import { errorClasses, hintClasses, inputClasses, labelClasses, textareaClasses } from './field-classes';

type Kind = RiskListEntryDto['kind'];
const KINDS: Kind[] = ['user', 'device', 'ip'];
/** Each kind's own sentences (the words differ by kind in both languages). */
const words: Record<Kind, { none: string; table: string; form: string; enterOne: string }> = {
  user: {
    none: msg('No user IDs are blacklisted.'),
    table: msg('Blacklisted users'),
    form: msg('Add user IDs'),
    enterOne: msg('Enter at least one user ID, one per line.'),
  },
  device: {
    none: msg('No device IDs are blacklisted.'),
    table: msg('Blacklisted devices'),
    form: msg('Add device IDs'),
    enterOne: msg('Enter at least one device ID, one per line.'),
  },
  ip: {
    none: msg('No IP addresses are blacklisted.'),
    table: msg('Blacklisted IPs'),
    form: msg('Add IP addresses'),
    enterOne: msg('Enter at least one IP address, one per line.'),
  },
};
const placeholders: Record<Kind, string> = {
  user: 'user-1842\nuser-9931',
  device: 'android-5f1c0e\nios-77ab21',
  ip: '203.0.113.9\n198.51.100.14',
};

export function BlacklistPanel({
  entries,
  totals,
  canEdit,
  addAction,
  removeAction,
}: {
  entries: readonly RiskListEntryDto[];
  totals: Record<Kind, number>;
  canEdit: boolean;
  addAction: (input: unknown) => Promise<ActionResult<{ added: number; values: number }>>;
  removeAction: (entryId: string) => Promise<ActionResult<null>>;
}) {
  const [kind, setKind] = useState<Kind>('user');
  const t = useT();
  // English sentences are spaced apart; Chinese ones follow their full stop directly.
  const gap = t.locale === 'en' ? ' ' : '';
  const id = useId();
  const shown = entries.filter((e) => e.kind === kind);

  function onTabKey(e: KeyboardEvent<HTMLButtonElement>) {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = KINDS[(KINDS.indexOf(kind) + step + KINDS.length) % KINDS.length]!;
    setKind(next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  }

  return (
    <div className="rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]">
      <div role="tablist" aria-label={t('Blacklist kind')} className="flex gap-1 border-b border-zinc-200 px-3 pt-2">
        {KINDS.map((k) => (
          <button
            key={k}
            id={`${id}-tab-${k}`}
            type="button"
            role="tab"
            aria-selected={k === kind}
            aria-controls={`${id}-panel`}
            tabIndex={k === kind ? 0 : -1}
            onClick={() => setKind(k)}
            onKeyDown={onTabKey}
            className={`-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-500 ${
              k === kind ? 'border-zinc-900 text-zinc-950' : 'border-transparent text-zinc-600 hover:text-zinc-900'
            }`}
          >
            {t(listKindLabels[k])}
            <span
              className={`rounded-full px-1.5 py-0.5 text-xs tabular-nums ${k === kind ? 'bg-zinc-900 text-white' : 'bg-zinc-100 text-zinc-700'}`}
            >
              {t.number(totals[k])}
            </span>
          </button>
        ))}
      </div>
      <div
        id={`${id}-panel`}
        role="tabpanel"
        aria-labelledby={`${id}-tab-${kind}`}
        className={`grid gap-0 ${canEdit ? 'lg:grid-cols-[minmax(0,1fr)_20rem]' : ''}`}
      >
        <div className="min-w-0">
          {shown.length === 0 ? (
            <p className="px-5 py-10 text-center text-sm text-zinc-600">
              {t(words[kind].none)}
              {canEdit ? `${gap}${t('Add some with the form or import a CSV.')}` : ''}
            </p>
          ) : (
            <div className="max-h-[26rem] overflow-y-auto">
              <table aria-label={t(words[kind].table)} className="w-full border-collapse text-left text-sm">
                <thead>
                  <tr>
                    <Th>{t('Value')}</Th>
                    <Th>{t('Reason')}</Th>
                    <Th>{t('Added')}</Th>
                    {canEdit ? (
                      <Th>
                        <span className="sr-only">{t('Actions')}</span>
                      </Th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <Tr key={e.id}>
                      <Td className="max-w-64 truncate font-mono text-[13px] text-zinc-900">{e.value}</Td>
                      <Td className="max-w-56 truncate text-zinc-600">
                        {e.reason ?? <span className="text-zinc-500">—</span>}
                      </Td>
                      <Td className="text-zinc-600">
                        <Timestamp iso={e.createdAt} />
                      </Td>
                      {canEdit ? (
                        <Td className="w-px text-right">
                          <RemoveEntryButton value={e.value} removeAction={() => removeAction(e.id)} />
                        </Td>
                      ) : null}
                    </Tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {totals[kind] > shown.length ? (
            <p className="border-t border-zinc-200 bg-zinc-50/60 px-4 py-2.5 text-sm text-zinc-600">
              {t('Showing the newest {count} of {total}.', { count: shown.length, total: totals[kind] })}
            </p>
          ) : null}
        </div>
        {canEdit ? <AddEntriesForm key={kind} kind={kind} addAction={addAction} /> : null}
      </div>
    </div>
  );
}

function RemoveEntryButton({
  value,
  removeAction,
}: {
  value: string;
  removeAction: () => Promise<ActionResult<null>>;
}) {
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  return (
    <button
      type="button"
      disabled={pending}
      aria-label={t('Remove {value}', { value })}
      onClick={() =>
        startTransition(async () => {
          const result = await removeAction();
          if (result.ok) toast.success(t('Removed from the blacklist'), value);
          else toast.error(t('Could not remove the entry'), result.error.message);
        })
      }
      className={buttonClasses('danger-ghost', 'sm')}
    >
      {pending ? <Spinner /> : null}
      {t('Remove')}
    </button>
  );
}

function AddEntriesForm({
  kind,
  addAction,
}: {
  kind: Kind;
  addAction: (input: unknown) => Promise<ActionResult<{ added: number; values: number }>>;
}) {
  const [lines, setLines] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();
  const values = lines
    .split(/\r?\n/)
    .map((v) => v.trim())
    .filter(Boolean);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (values.length === 0) {
      setError(t(words[kind].enterOne));
      document.getElementById(`${id}-lines`)?.focus();
      return;
    }
    const tooLong = values.findIndex((v) => v.length > 128);
    if (tooLong >= 0) {
      setError(t('Value {index} is longer than 128 characters.', { index: tooLong + 1 }));
      return;
    }
    startTransition(async () => {
      const result = await addAction({ kind, lines, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      if (result.ok) {
        const { added, values: n } = result.data;
        toast.success(
          t('{count} added', { count: added }),
          added === n ? undefined : t('{listed} of {count} were already listed.', { listed: n - added, count: n }),
        );
        setLines('');
        setReason('');
        setError(null);
        return;
      }
      setError(result.error.message.replace(/^(lines|values[.\d]*): /, ''));
      toast.error(t('Could not add to the blacklist'), result.error.message);
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={t(words[kind].form)}
      className="space-y-4 border-t border-zinc-200 bg-zinc-50/50 p-5 lg:border-t-0 lg:border-l"
    >
      <div>
        <label htmlFor={`${id}-lines`} className={labelClasses}>
          {t(words[kind].form)}
        </label>
        <textarea
          id={`${id}-lines`}
          rows={5}
          value={lines}
          onChange={(e) => {
            setLines(e.target.value);
            setError(null);
          }}
          placeholder={placeholders[kind]}
          spellCheck={false}
          disabled={pending}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-lines-hint`}
          className={`mt-1.5 ${textareaClasses}`}
        />
        {error ? (
          <p id={`${id}-lines-hint`} className={errorClasses}>
            {error}
          </p>
        ) : (
          <p id={`${id}-lines-hint`} className={hintClasses}>
            {values.length ? t('One per line · {count} entered.', { count: values.length }) : t('One per line.')}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-reason`} className={labelClasses}>
          {t('Reason')} <span className="font-normal text-zinc-500">{t('(optional)')}</span>
        </label>
        <input
          id={`${id}-reason`}
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          disabled={pending}
          placeholder={t('e.g. chargeback fraud')}
          className={`mt-1.5 ${inputClasses}`}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className={buttonClasses('secondary', 'md', 'w-full')}
      >
        {pending ? <Spinner /> : null}
        {pending ? t('Adding…') : t('Add to blacklist')}
      </button>
    </form>
  );
}
