'use client';

// The winners table: select rows with checkboxes, act on one win from its row or on the
// selection from the bar above the table. Every action opens a small dialog that says what
// will happen; results come back as toasts, and the page's data refreshes from the server.
import { useId, useMemo, useRef, useState, useTransition, type FormEvent, type ReactNode, type Ref } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { BulkWinResult } from '@/lib/fulfilment/apply-bulk-win-action';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-classes';
import { Dialog, inputClasses } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { Table, Td, Th } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { msg } from '@/lib/i18n/console/translator';
import { AlertIcon, CheckIcon } from '../icons';
import { useT } from '../i18n';
import { prizeKindLabel } from '../stock/prize-kinds';
import { Timestamp } from '../timestamp';
import { winStatusLabel, winStatusTone } from './win-status';
import { winActions, type WinnerRow } from './winner-row';

type Mode = 'ship' | 'void' | 'approve' | 'reject';
export type BulkActionInput =
  | { kind: 'ship'; carrier: string; trackingNumbers: Record<string, string> }
  | { kind: 'void'; reason: string }
  | { kind: 'approve' }
  | { kind: 'reject'; reason: string };

export type WinnerActions = {
  ship: (winId: string, carrier: string, trackingNumber: string) => Promise<ActionResult<unknown>>;
  void: (winId: string, reason: string) => Promise<ActionResult<unknown>>;
  approve: (winId: string) => Promise<ActionResult<unknown>>;
  reject: (winId: string, reason: string) => Promise<ActionResult<unknown>>;
  bulk: (winIds: string[], action: BulkActionInput) => Promise<ActionResult<BulkWinResult>>;
};

const eligible: Record<Mode, (w: WinnerRow) => boolean> = {
  ship: (w) => winActions(w).ship && w.status === 'CLAIMED',
  void: (w) => winActions(w).void,
  approve: (w) => winActions(w).review,
  reject: (w) => winActions(w).review,
};

/** Each action's words: `{count}` is the number of wins, `{messages}` the server's reasons. */
type Verb = {
  button: string;
  titleOne: string;
  titleMany: string;
  doneOne: string;
  doneMany: [one: string, other: string];
  notDone: string;
  couldNot: string;
  failOne: string;
  failMany: string;
};
const verb: Record<Mode, Verb> = {
  ship: {
    button: msg('Mark shipped'),
    titleOne: msg('Mark as shipped'),
    titleMany: msg('Mark {count} wins as shipped'),
    doneOne: msg('Win shipped'),
    doneMany: [msg('{count} win shipped'), msg('{count} wins shipped')],
    notDone: msg('{count} not shipped'),
    couldNot: msg('{count} could not be shipped: {messages}'),
    failOne: msg('Could not ship the win'),
    failMany: msg('Could not ship the wins'),
  },
  void: {
    button: msg('Void'),
    titleOne: msg('Void this win?'),
    titleMany: msg('Void {count} wins?'),
    doneOne: msg('Win voided'),
    doneMany: [msg('{count} win voided'), msg('{count} wins voided')],
    notDone: msg('{count} not voided'),
    couldNot: msg('{count} could not be voided: {messages}'),
    failOne: msg('Could not void the win'),
    failMany: msg('Could not void the wins'),
  },
  approve: {
    button: msg('Approve'),
    titleOne: msg('Approve this held win?'),
    titleMany: msg('Approve {count} held wins?'),
    doneOne: msg('Win approved'),
    doneMany: [msg('{count} win approved'), msg('{count} wins approved')],
    notDone: msg('{count} not approved'),
    couldNot: msg('{count} could not be approved: {messages}'),
    failOne: msg('Could not approve the win'),
    failMany: msg('Could not approve the wins'),
  },
  reject: {
    button: msg('Reject'),
    titleOne: msg('Reject this held win?'),
    titleMany: msg('Reject {count} held wins?'),
    doneOne: msg('Win rejected'),
    doneMany: [msg('{count} win rejected'), msg('{count} wins rejected')],
    notDone: msg('{count} not rejected'),
    couldNot: msg('{count} could not be rejected: {messages}'),
    failOne: msg('Could not reject the win'),
    failMany: msg('Could not reject the wins'),
  },
};

export function WinnersTable({
  rows,
  canManage,
  actions,
  footer,
}: {
  rows: WinnerRow[];
  canManage: boolean;
  actions: WinnerActions;
  footer: ReactNode;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<{ mode: Mode; wins: WinnerRow[]; edit?: boolean } | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const selectAllId = useId();
  const t = useT();

  // Rows may change under the selection after a refresh; keep only ids still shown.
  const shownIds = useMemo(() => new Set(rows.map((r) => r.id)), [rows]);
  const chosen = rows.filter((r) => selected.has(r.id) && shownIds.has(r.id));
  const allChosen = rows.length > 0 && chosen.length === rows.length;

  function toggle(id: string, on: boolean) {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function start(mode: Mode, wins: WinnerRow[], edit = false) {
    setOpen({ mode, wins, edit });
    // The dialog mounts with the new content first, then opens.
    requestAnimationFrame(() => dialogRef.current?.showModal());
  }

  return (
    <div className="space-y-3">
      {canManage ? (
        <div
          role="toolbar"
          aria-label={t('Bulk actions')}
          className={`flex min-h-12 flex-wrap items-center gap-2 rounded-lg border px-4 py-2 text-sm transition-colors ${chosen.length ? 'border-indigo-200 bg-indigo-50/60' : 'border-zinc-200 bg-white'}`}
        >
          <span className="mr-2 font-medium text-zinc-800" aria-live="polite" data-testid="selection-count">
            {chosen.length
              ? t('{count} selected', { count: String(chosen.length) })
              : t('Select wins to act on several at once')}
          </span>
          {(['ship', 'void', 'approve', 'reject'] as const).map((mode) => {
            const wins = chosen.filter(eligible[mode]);
            return (
              <button
                key={mode}
                type="button"
                disabled={wins.length === 0}
                onClick={() => start(mode, wins)}
                className={buttonClasses(mode === 'void' || mode === 'reject' ? 'danger-ghost' : 'secondary', 'sm')}
              >
                {t(verb[mode].button)}
                {chosen.length ? <span className="tabular-nums">({wins.length})</span> : null}
              </button>
            );
          })}
          {chosen.length ? (
            <button
              type="button"
              onClick={() => setSelected(new Set())}
              className={`ml-auto ${buttonClasses('ghost', 'sm')}`}
            >
              {t('Clear selection')}
            </button>
          ) : null}
        </div>
      ) : null}

      <Table label={t('Winners')} footer={footer}>
        <thead>
          <tr>
            {canManage ? (
              <Th className="w-10">
                <label htmlFor={selectAllId} className="sr-only">
                  {t('Select all wins on this page')}
                </label>
                <input
                  id={selectAllId}
                  type="checkbox"
                  checked={allChosen}
                  ref={(el) => {
                    if (el) el.indeterminate = chosen.length > 0 && !allChosen;
                  }}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                  className="size-4 rounded border-zinc-300 accent-indigo-600"
                />
              </Th>
            ) : null}
            <Th>{t('Winner')}</Th>
            <Th>{t('Prize')}</Th>
            <Th>{t('Status')}</Th>
            <Th>{t('Delivery')}</Th>
            {canManage ? (
              <Th className="text-right">
                <span className="sr-only">{t('Actions')}</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => {
            const can = winActions(w);
            return (
              <tr
                key={w.id}
                data-win-id={w.id}
                className={`group transition-colors ${selected.has(w.id) ? 'bg-indigo-50/50' : 'hover:bg-zinc-50/70'}`}
              >
                {canManage ? (
                  <Td className="w-10">
                    <input
                      type="checkbox"
                      aria-label={t('Select win of {user}: {prize}', { user: w.userId, prize: w.prize.name })}
                      checked={selected.has(w.id)}
                      onChange={(e) => toggle(w.id, e.target.checked)}
                      className="size-4 rounded border-zinc-300 accent-indigo-600"
                    />
                  </Td>
                ) : null}
                <Td className="max-w-48">
                  <span className="block truncate font-mono text-[13px] text-zinc-900" title={w.userId}>
                    {w.userId}
                  </span>
                  <span className="block text-xs text-zinc-500">
                    <Timestamp iso={w.wonAt} />
                  </span>
                </Td>
                <Td className="max-w-56">
                  <span className="block truncate font-medium text-zinc-900" title={w.prize.name}>
                    {w.prize.name}
                    {w.quantity > 1 ? <span className="font-normal text-zinc-500"> ×{w.quantity}</span> : null}
                  </span>
                  <span className="block truncate text-xs text-zinc-500" title={`${w.activityName} · ${w.tierName}`}>
                    {w.activityName} · {w.tierName}
                  </span>
                </Td>
                <Td>
                  <Badge tone={winStatusTone[w.status]}>{t(winStatusLabel[w.status])}</Badge>
                </Td>
                <Td className="max-w-60">
                  <Delivery win={w} />
                </Td>
                {canManage ? (
                  <Td className="w-px pl-0 text-right whitespace-nowrap">
                    <span className="inline-flex items-center gap-0.5">
                      {can.ship ? (
                        <button
                          type="button"
                          onClick={() => start('ship', [w], w.status === 'SHIPPED')}
                          className={buttonClasses('secondary', 'sm')}
                          aria-label={
                            w.status === 'SHIPPED'
                              ? t('Edit shipment of {prize} for {user}', { prize: w.prize.name, user: w.userId })
                              : t('Mark shipped: {prize} for {user}', { prize: w.prize.name, user: w.userId })
                          }
                        >
                          {w.status === 'SHIPPED' ? t('Edit shipment') : t('Ship')}
                        </button>
                      ) : null}
                      {can.review ? (
                        <>
                          <button
                            type="button"
                            onClick={() => start('approve', [w])}
                            className={buttonClasses('secondary', 'sm')}
                            aria-label={t('Approve: {prize} for {user}', { prize: w.prize.name, user: w.userId })}
                          >
                            {t('Approve')}
                          </button>
                          <button
                            type="button"
                            onClick={() => start('reject', [w])}
                            className={buttonClasses('danger-ghost', 'sm')}
                            aria-label={t('Reject: {prize} for {user}', { prize: w.prize.name, user: w.userId })}
                          >
                            {t('Reject')}
                          </button>
                        </>
                      ) : null}
                      {can.void ? (
                        <button
                          type="button"
                          onClick={() => start('void', [w])}
                          className={buttonClasses('danger-ghost', 'sm')}
                          aria-label={t('Void: {prize} for {user}', { prize: w.prize.name, user: w.userId })}
                        >
                          {t('Void')}
                        </button>
                      ) : null}
                    </span>
                  </Td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </Table>

      {open ? (
        <WinActionDialog
          key={`${open.mode}:${open.wins.map((w) => w.id).join(',')}`}
          ref={dialogRef}
          mode={open.mode}
          edit={open.edit ?? false}
          wins={open.wins}
          actions={actions}
          onDone={(doneIds) => {
            dialogRef.current?.close();
            setSelected((s) => new Set([...s].filter((id) => !doneIds.includes(id))));
          }}
        />
      ) : null}
    </div>
  );
}

function Delivery({ win }: { win: WinnerRow }) {
  const t = useT();
  if (win.shipment) {
    return (
      <span className="block min-w-0">
        <span className="block truncate text-zinc-900">{win.shipment.carrier}</span>
        <span
          className="block truncate font-mono text-xs text-zinc-600"
          title={win.shipment.trackingNumber ?? undefined}
        >
          {win.shipment.trackingNumber}
        </span>
      </span>
    );
  }
  if (win.claim) {
    return (
      <span className="block min-w-0">
        <span className="block truncate text-zinc-900">
          {win.claim.name} <span className="text-zinc-500">· {win.claim.phone}</span>
        </span>
        <span className="block truncate text-xs text-zinc-600" title={win.claim.address ?? undefined}>
          {win.claim.address}
        </span>
      </span>
    );
  }
  if (win.prize.kind !== 'physical')
    return (
      <span className="whitespace-nowrap text-zinc-500">
        {t('No shipping · {kind}', { kind: t(prizeKindLabel(win.prize.kind)) })}
      </span>
    );
  return <span className="text-zinc-500">{win.status === 'AWAITING_CLAIM' ? t('No address yet') : '—'}</span>;
}

type DialogProps = {
  mode: Mode;
  edit: boolean;
  wins: WinnerRow[];
  actions: WinnerActions;
  onDone: (doneIds: string[]) => void;
  ref: Ref<HTMLDialogElement>;
};

function WinActionDialog({ mode, edit, wins, actions, onDone, ref }: DialogProps) {
  const single = wins.length === 1 ? wins[0]! : null;
  const [carrier, setCarrier] = useState(single?.shipment?.carrier ?? '');
  const [tracking, setTracking] = useState<Record<string, string>>(() =>
    Object.fromEntries(wins.map((w) => [w.id, w.shipment?.trackingNumber ?? ''])),
  );
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();
  const ids = {
    title: `${id}-title`,
    body: `${id}-body`,
    carrier: `${id}-carrier`,
    reason: `${id}-reason`,
    form: `${id}-form`,
  };
  const danger = mode === 'void' || mode === 'reject';

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    if (mode === 'ship') {
      if (!carrier.trim()) found.carrier = t('Enter the carrier, e.g. SF Express.');
      for (const w of wins) {
        const number = (tracking[w.id] ?? '').trim();
        if (number.length < 3) found[w.id] = t('Enter the tracking number.');
        else if (!/^[A-Za-z0-9 -]+$/.test(number)) found[w.id] = t('Letters, digits, spaces and dashes only.');
      }
    }
    if ((mode === 'void' || mode === 'reject') && !reason.trim())
      found.reason = t('Say why; it is kept with the win and in the audit log.');
    return found;
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found = validate();
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document
        .getElementById(first === 'carrier' ? ids.carrier : first === 'reason' ? ids.reason : `${id}-t-${first}`)
        ?.focus();
      return;
    }
    startTransition(async () => {
      if (single) {
        const result =
          mode === 'ship'
            ? await actions.ship(single.id, carrier.trim(), (tracking[single.id] ?? '').trim())
            : mode === 'void'
              ? await actions.void(single.id, reason.trim())
              : mode === 'approve'
                ? await actions.approve(single.id)
                : await actions.reject(single.id, reason.trim());
        if (result.ok) {
          toast.success(
            edit ? t('Shipment updated') : t(verb[mode].doneOne),
            t('{prize} for {user}', { prize: single.prize.name, user: single.userId }),
          );
          onDone([single.id]);
        } else {
          setErrors({ form: result.error.message });
          toast.error(t(verb[mode].failOne), result.error.message);
        }
        return;
      }
      const winIds = wins.map((w) => w.id);
      const input: BulkActionInput =
        mode === 'ship'
          ? {
              kind: 'ship',
              carrier: carrier.trim(),
              trackingNumbers: Object.fromEntries(winIds.map((w) => [w, (tracking[w] ?? '').trim()])),
            }
          : mode === 'approve'
            ? { kind: 'approve' }
            : { kind: mode, reason: reason.trim() };
      const result = await actions.bulk(winIds, input);
      if (!result.ok) {
        setErrors({ form: result.error.message });
        toast.error(t(verb[mode].failMany), result.error.message);
        return;
      }
      const { done, failed } = result.data;
      if (done.length) toast.success(t.plural(done.length, ...verb[mode].doneMany));
      if (failed.length) {
        toast.error(
          t(verb[mode].notDone, { count: failed.length }),
          failed
            .slice(0, 3)
            .map((f) => f.message)
            .join('; '),
        );
        setErrors({
          form: t(verb[mode].couldNot, { count: failed.length, messages: failed.map((f) => f.message).join('; ') }),
        });
      }
      if (!failed.length) onDone(done);
    });
  }

  const description: Record<Mode, ReactNode> = {
    ship: single
      ? t('Ship {prize} to {name}. The host app is told, and the winner sees the tracking number.', {
          prize: single.prize.name,
          name: single.claim?.name ?? single.userId,
        })
      : t('One carrier for all {count} parcels, each with its own tracking number.', { count: String(wins.length) }),
    void: t(
      "The win ends and its prize goes back to the prize's free stock. The winner can no longer claim it. This cannot be undone.",
    ),
    approve: single
      ? t(
          "A risk rule held this win. Approving releases it as the draw would have: physical prizes wait for the winner's address, others are delivered.",
        )
      : t(
          "A risk rule held these wins. Approving releases them as the draw would have: physical prizes wait for the winner's address, others are delivered.",
        ),
    reject: single
      ? t("The win is voided and the stock goes back to the prize's free pool, exactly like a void.")
      : t("The wins are voided and the stock goes back to the prize's free pool, exactly like a void."),
  };

  return (
    <Dialog
      ref={ref}
      titleId={ids.title}
      descriptionId={ids.body}
      title={
        edit
          ? t('Edit shipment')
          : wins.length === 1
            ? t(verb[mode].titleOne)
            : t(verb[mode].titleMany, { count: String(wins.length) })
      }
      description={description[mode]}
      pending={pending}
      size={mode === 'ship' && !single ? 'lg' : 'md'}
      onSubmit={onSubmit}
      icon={
        <span
          className={`flex size-10 shrink-0 items-center justify-center rounded-full ring-1 ${danger ? 'bg-red-50 ring-red-100' : 'bg-indigo-50 ring-indigo-100'}`}
        >
          {danger ? <AlertIcon className="size-5 text-red-600" /> : <CheckIcon className="size-5 text-indigo-600" />}
        </span>
      }
      footer={
        <>
          <button
            type="button"
            onClick={(e) => e.currentTarget.closest('dialog')?.close()}
            disabled={pending}
            className={buttonClasses('secondary')}
          >
            {t('Cancel')}
          </button>
          <button
            type="submit"
            disabled={pending}
            aria-busy={pending}
            className={buttonClasses(danger ? 'danger' : 'primary')}
          >
            {pending ? <Spinner /> : null}
            {pending
              ? t('Saving…')
              : edit
                ? t('Save shipment')
                : wins.length === 1
                  ? t(verb[mode].button)
                  : `${t(verb[mode].button)} ${wins.length}`}
          </button>
        </>
      }
    >
      {errors.form ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      {!single && mode !== 'ship' ? (
        <ul
          className="max-h-40 space-y-1 overflow-y-auto rounded-md border border-zinc-200 bg-zinc-50 p-2 text-xs text-zinc-700"
          aria-label={t('Selected wins')}
        >
          {wins.map((w) => (
            <li key={w.id} className="flex justify-between gap-3">
              <span className="truncate font-mono">{w.userId}</span>
              <span className="truncate">{w.prize.name}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {mode === 'ship' ? (
        <>
          <Field
            id={ids.carrier}
            label={t('Carrier')}
            error={errors.carrier}
            hint={t('The delivery company, as the winner knows it.')}
          >
            <input
              id={ids.carrier}
              autoFocus
              autoComplete="off"
              value={carrier}
              maxLength={60}
              onChange={(e) => {
                setCarrier(e.target.value);
                setErrors((x) => ({ ...x, carrier: '', form: '' }));
              }}
              placeholder={t('e.g. SF Express')}
              aria-invalid={errors.carrier ? true : undefined}
              aria-describedby={`${ids.carrier}-hint`}
              readOnly={pending}
              className={`mt-1.5 ${inputClasses}`}
            />
          </Field>
          <div className={single ? '' : 'max-h-64 space-y-3 overflow-y-auto pr-1'}>
            {wins.map((w) => (
              <Field
                key={w.id}
                id={`${id}-t-${w.id}`}
                label={
                  single
                    ? t('Tracking number')
                    : t('Tracking number · {user} ({prize})', { user: w.userId, prize: w.prize.name })
                }
                error={errors[w.id]}
              >
                <input
                  id={`${id}-t-${w.id}`}
                  autoComplete="off"
                  spellCheck={false}
                  value={tracking[w.id] ?? ''}
                  maxLength={60}
                  onChange={(e) => {
                    setTracking((all) => ({ ...all, [w.id]: e.target.value }));
                    setErrors((x) => ({ ...x, [w.id]: '', form: '' }));
                  }}
                  placeholder={t('e.g. SF1234567890')}
                  aria-invalid={errors[w.id] ? true : undefined}
                  aria-describedby={`${id}-t-${w.id}-hint`}
                  readOnly={pending}
                  className={`mt-1.5 font-mono ${inputClasses}`}
                />
              </Field>
            ))}
          </div>
        </>
      ) : null}
      {mode === 'void' || mode === 'reject' ? (
        <Field
          id={ids.reason}
          label={t('Reason')}
          error={errors.reason}
          hint={t('Kept with the win and in the audit log.')}
        >
          <input
            id={ids.reason}
            autoFocus
            autoComplete="off"
            value={reason}
            maxLength={300}
            onChange={(e) => {
              setReason(e.target.value);
              setErrors((x) => ({ ...x, reason: '', form: '' }));
            }}
            placeholder={mode === 'void' ? t('e.g. Duplicate account') : t('e.g. Device farm, confirmed')}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={`${ids.reason}-hint`}
            readOnly={pending}
            className={`mt-1.5 ${inputClasses}`}
          />
        </Field>
      ) : null}
    </Dialog>
  );
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-hint`} className="mt-1.5 text-sm text-red-700">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-zinc-500">
          {hint ?? ''}
        </p>
      )}
    </div>
  );
}
