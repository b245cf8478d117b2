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
import { AlertIcon, CheckIcon } from '../icons';
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

const verb: Record<Mode, { button: string; past: string; title: (n: number) => string }> = {
  ship: {
    button: 'Mark shipped',
    past: 'shipped',
    title: (n) => (n === 1 ? 'Mark as shipped' : `Mark ${n} wins as shipped`),
  },
  void: { button: 'Void', past: 'voided', title: (n) => (n === 1 ? 'Void this win?' : `Void ${n} wins?`) },
  approve: {
    button: 'Approve',
    past: 'approved',
    title: (n) => (n === 1 ? 'Approve this held win?' : `Approve ${n} held wins?`),
  },
  reject: {
    button: 'Reject',
    past: 'rejected',
    title: (n) => (n === 1 ? 'Reject this held win?' : `Reject ${n} held wins?`),
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
          aria-label="Bulk actions"
          className={`flex min-h-12 flex-wrap items-center gap-2 rounded-lg border px-4 py-2 text-sm transition-colors ${chosen.length ? 'border-indigo-200 bg-indigo-50/60' : 'border-zinc-200 bg-white'}`}
        >
          <span className="mr-2 font-medium text-zinc-800" aria-live="polite" data-testid="selection-count">
            {chosen.length ? `${chosen.length} selected` : 'Select wins to act on several at once'}
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
                {verb[mode].button}
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
              Clear selection
            </button>
          ) : null}
        </div>
      ) : null}

      <Table label="Winners" footer={footer}>
        <thead>
          <tr>
            {canManage ? (
              <Th className="w-10">
                <label htmlFor={selectAllId} className="sr-only">
                  Select all wins on this page
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
            <Th>Winner</Th>
            <Th>Prize</Th>
            <Th>Status</Th>
            <Th>Delivery</Th>
            {canManage ? (
              <Th className="text-right">
                <span className="sr-only">Actions</span>
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
                      aria-label={`Select win of ${w.userId}: ${w.prize.name}`}
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
                  <Badge tone={winStatusTone[w.status]}>{winStatusLabel[w.status]}</Badge>
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
                          aria-label={`${w.status === 'SHIPPED' ? 'Edit shipment of' : 'Mark shipped:'} ${w.prize.name} for ${w.userId}`}
                        >
                          {w.status === 'SHIPPED' ? 'Edit shipment' : 'Ship'}
                        </button>
                      ) : null}
                      {can.review ? (
                        <>
                          <button
                            type="button"
                            onClick={() => start('approve', [w])}
                            className={buttonClasses('secondary', 'sm')}
                            aria-label={`Approve: ${w.prize.name} for ${w.userId}`}
                          >
                            Approve
                          </button>
                          <button
                            type="button"
                            onClick={() => start('reject', [w])}
                            className={buttonClasses('danger-ghost', 'sm')}
                            aria-label={`Reject: ${w.prize.name} for ${w.userId}`}
                          >
                            Reject
                          </button>
                        </>
                      ) : null}
                      {can.void ? (
                        <button
                          type="button"
                          onClick={() => start('void', [w])}
                          className={buttonClasses('danger-ghost', 'sm')}
                          aria-label={`Void: ${w.prize.name} for ${w.userId}`}
                        >
                          Void
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
    return <span className="whitespace-nowrap text-zinc-500">No shipping · {win.prize.kind}</span>;
  return <span className="text-zinc-500">{win.status === 'AWAITING_CLAIM' ? 'No address yet' : '—'}</span>;
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
      if (!carrier.trim()) found.carrier = 'Enter the carrier, e.g. SF Express.';
      for (const w of wins) {
        const t = (tracking[w.id] ?? '').trim();
        if (t.length < 3) found[w.id] = 'Enter the tracking number.';
        else if (!/^[A-Za-z0-9 -]+$/.test(t)) found[w.id] = 'Letters, digits, spaces and dashes only.';
      }
    }
    if ((mode === 'void' || mode === 'reject') && !reason.trim())
      found.reason = 'Say why; it is kept with the win and in the audit log.';
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
            edit ? 'Shipment updated' : `Win ${verb[mode].past}`,
            `${single.prize.name} for ${single.userId}`,
          );
          onDone([single.id]);
        } else {
          setErrors({ form: result.error.message });
          toast.error(`Could not ${mode} the win`, result.error.message);
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
        toast.error(`Could not ${mode} the wins`, result.error.message);
        return;
      }
      const { done, failed } = result.data;
      if (done.length) toast.success(`${done.length} ${done.length === 1 ? 'win' : 'wins'} ${verb[mode].past}`);
      if (failed.length) {
        toast.error(
          `${failed.length} not ${verb[mode].past}`,
          failed
            .slice(0, 3)
            .map((f) => f.message)
            .join('; '),
        );
        setErrors({
          form: `${failed.length} could not be ${verb[mode].past}: ${failed.map((f) => f.message).join('; ')}`,
        });
      }
      if (!failed.length) onDone(done);
    });
  }

  const description: Record<Mode, ReactNode> = {
    ship: single ? (
      <>
        Ship <span className="font-medium text-zinc-900">{single.prize.name}</span> to{' '}
        {single.claim?.name ?? single.userId}. The host app is told, and the winner sees the tracking number.
      </>
    ) : (
      <>One carrier for all {wins.length} parcels, each with its own tracking number.</>
    ),
    void: (
      <>
        The win ends and its prize goes back to the prize&apos;s free stock. The winner can no longer claim it. This
        cannot be undone.
      </>
    ),
    approve: (
      <>
        A risk rule held {single ? 'this win' : 'these wins'}. Approving releases {single ? 'it' : 'them'} as the draw
        would have: physical prizes wait for the winner&apos;s address, others are delivered.
      </>
    ),
    reject: (
      <>
        The {single ? 'win is' : 'wins are'} voided and the stock goes back to the prize&apos;s free pool, exactly like
        a void.
      </>
    ),
  };

  return (
    <Dialog
      ref={ref}
      titleId={ids.title}
      descriptionId={ids.body}
      title={edit ? 'Edit shipment' : verb[mode].title(wins.length)}
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
            Cancel
          </button>
          <button
            type="submit"
            disabled={pending}
            aria-busy={pending}
            className={buttonClasses(danger ? 'danger' : 'primary')}
          >
            {pending ? <Spinner /> : null}
            {pending
              ? 'Saving…'
              : edit
                ? 'Save shipment'
                : wins.length === 1
                  ? verb[mode].button
                  : `${verb[mode].button} ${wins.length}`}
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
          aria-label="Selected wins"
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
            label="Carrier"
            error={errors.carrier}
            hint="The delivery company, as the winner knows it."
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
              placeholder="e.g. SF Express"
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
                label={single ? 'Tracking number' : `Tracking number · ${w.userId} (${w.prize.name})`}
                error={errors[w.id]}
              >
                <input
                  id={`${id}-t-${w.id}`}
                  autoComplete="off"
                  spellCheck={false}
                  value={tracking[w.id] ?? ''}
                  maxLength={60}
                  onChange={(e) => {
                    setTracking((t) => ({ ...t, [w.id]: e.target.value }));
                    setErrors((x) => ({ ...x, [w.id]: '', form: '' }));
                  }}
                  placeholder="e.g. SF1234567890"
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
        <Field id={ids.reason} label="Reason" error={errors.reason} hint="Kept with the win and in the audit log.">
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
            placeholder={mode === 'void' ? 'e.g. Duplicate account' : 'e.g. Device farm, confirmed'}
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
