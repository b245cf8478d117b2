'use client';

// Edit live: the configuration of a published activity as a form (materials, name, period,
// claim window, limits, tiers, tasks). "Review" asks the server for the diff of what changed
// (nothing saved); the review shows it before → after with the cost per prize and the simulator
// on both configurations; submitting with a reason (and a time, if not now) creates the change,
// or edits the one being edited. A failure keeps every input and says what to do.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useMemo, useState, useTransition } from 'react';
import type { ChangeDiff } from '@/lib/activities/change-diff';
import type { ChangeDto } from '@/lib/activities/change-dto';
import { fromZonedInput } from '@/lib/activities/zoned-time';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { Field, Section, inputClasses } from '@/components/console/activities/fields';
import { useTimeZone } from '@/components/console/time-zone';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import type { ChangeActionError, ChangeActionResult } from './change-action-result';
import { ChangeDiffView } from './change-diff-view';
import { ChangeError } from './change-error';
import { ChangeOutcome } from './change-outcome';
import { ChangeSimulation, type SideBySide } from './change-simulation';
import {
  LIMIT_FIELDS,
  buildPatch,
  type LiveActivity,
  type LiveEditModel,
  type TaskRow,
  type TierRow,
} from './live-edit-model';

type Preview = { baseVersion: number; diff: ChangeDiff };
type Submit = { patch: unknown; baseVersion?: number; applyAt?: string; reason?: string };

const LIMIT_LABELS: Record<(typeof LIMIT_FIELDS)[number], string> = {
  freeDrawsPerDay: msg('Free draws per day'),
  maxDrawsPerDay: msg('Max draws per day'),
  maxDrawsTotal: msg('Max draws in total'),
  maxWinsPerUser: msg('Max wins per player'),
};

// A task row's inputs, named for screen readers by the task and the column.
const TASK_FIELD_LABELS = {
  name: msg('{task} name'),
  chances: msg('{task} chances'),
  perDay: msg('{task} per day'),
  total: msg('{task} total'),
} as const;

export function LiveEditForm({
  tenantSlug,
  activity,
  initial,
  prizes,
  editing,
  preview,
  submit,
  simulate,
}: {
  tenantSlug: string;
  activity: LiveActivity;
  initial: LiveEditModel;
  prizes: { id: string; name: string }[];
  /** The change being edited, if any (then submitting edits it instead of proposing a new one). */
  editing?: { id: string; reason: string | null };
  preview: (input: { patch: unknown; baseVersion?: number }) => Promise<ChangeActionResult<Preview>>;
  submit: (input: Submit) => Promise<ChangeActionResult<ChangeDto>>;
  simulate: (target: { activityId: string; patch: unknown }, input: unknown) => Promise<ChangeActionResult<SideBySide>>;
}) {
  const [model, setModel] = useState(initial);
  const [review, setReview] = useState<(Preview & { patch: Record<string, unknown> }) | null>(null);
  const [reason, setReason] = useState(editing?.reason ?? '');
  const [applyAt, setApplyAt] = useState('');
  const [error, setError] = useState<ChangeActionError | null>(null);
  const [done, setDone] = useState<ChangeDto | null>(null);
  const [pending, start] = useTransition();
  const zone = useTimeZone();
  const t = useT();
  const router = useRouter();
  const id = useId();
  const prizeNames = useMemo(() => Object.fromEntries(prizes.map((p) => [p.id, p.name])), [prizes]);

  const set = (fn: (m: LiveEditModel) => void) => {
    const next = structuredClone(model);
    fn(next);
    setModel(next);
    setReview(null);
    setDone(null);
  };

  const runPreview = (baseVersion?: number) =>
    start(async () => {
      const patch = buildPatch(activity, model);
      const r = await preview({ patch, ...(baseVersion ? { baseVersion } : {}) });
      if (r.ok) {
        setReview({ ...r.data, patch });
        setError(null);
      } else {
        setReview(null);
        setError(r.error);
      }
    });

  const runSubmit = () =>
    start(async () => {
      if (!review) return;
      const at = applyAt ? (fromZonedInput(applyAt, zone) ?? applyAt) : undefined;
      const r = await submit({
        patch: review.patch,
        ...(editing ? {} : { baseVersion: review.baseVersion }),
        ...(at ? { applyAt: at } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      if (r.ok) {
        setDone(r.data);
        setError(null);
        router.refresh();
      } else setError(r.error);
    });

  const tierRow = (row: TierRow, i: number) => (
    <tr key={row.id ?? `new-${i}`} className={row.remove ? 'opacity-50' : ''}>
      <td className="py-1.5 pr-2">
        <label className="sr-only" htmlFor={`${id}-tn-${i}`}>
          {t('Tier {n} name', { n: i + 1 })}
        </label>
        <input
          id={`${id}-tn-${i}`}
          value={row.name}
          onChange={(e) => set((m) => void (m.tiers[i]!.name = e.target.value))}
          className={inputClasses}
        />
      </td>
      <td className="py-1.5 pr-2">
        <label className="sr-only" htmlFor={`${id}-tp-${i}`}>
          {t('{tier} odds (%)', { tier: row.name || t('Tier {n}', { n: i + 1 }) })}
        </label>
        <input
          id={`${id}-tp-${i}`}
          inputMode="decimal"
          value={row.percent}
          onChange={(e) => set((m) => void (m.tiers[i]!.percent = e.target.value))}
          className={`${inputClasses} w-24 text-right tabular-nums`}
        />
      </td>
      <td className="py-1.5 pr-2">
        <label className="sr-only" htmlFor={`${id}-ts-${i}`}>
          {t('{tier} stock (units)', { tier: row.name || t('Tier {n}', { n: i + 1 }) })}
        </label>
        <input
          id={`${id}-ts-${i}`}
          inputMode="numeric"
          value={row.stock}
          onChange={(e) => set((m) => void (m.tiers[i]!.stock = e.target.value))}
          className={`${inputClasses} w-24 text-right tabular-nums`}
        />
      </td>
      <td className="py-1.5 pr-2">
        <label className="sr-only" htmlFor={`${id}-tc-${i}`}>
          {t('{tier} pacing', { tier: row.name || t('Tier {n}', { n: i + 1 }) })}
        </label>
        <select
          id={`${id}-tc-${i}`}
          value={row.pacing}
          onChange={(e) => set((m) => void (m.tiers[i]!.pacing = e.target.value))}
          className={`${inputClasses} w-28`}
        >
          <option value="none">{t('None')}</option>
          <option value="even">{t('Even')}</option>
        </select>
      </td>
      <td className="py-1.5 pr-2">
        {row.id ? (
          <span className="text-xs text-zinc-600">
            {t('{count} won', { count: String(activity.tiers.find((tier) => tier.id === row.id)?.issued ?? 0) })}
          </span>
        ) : (
          <span className="flex gap-1">
            <label className="sr-only" htmlFor={`${id}-tz-${i}`}>
              {t('New tier {n} prize', { n: i + 1 })}
            </label>
            <select
              id={`${id}-tz-${i}`}
              value={row.prizeId}
              onChange={(e) => set((m) => void (m.tiers[i]!.prizeId = e.target.value))}
              className={`${inputClasses} w-40`}
            >
              <option value="">{t('Choose a prize')}</option>
              {prizes.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </span>
        )}
      </td>
      <td className="py-1.5 text-right">
        {row.id ? (
          <label className="inline-flex items-center gap-1.5 text-xs text-zinc-700">
            <input
              type="checkbox"
              checked={row.remove}
              onChange={(e) => set((m) => void (m.tiers[i]!.remove = e.target.checked))}
            />
            {t('Remove')}
          </label>
        ) : (
          <button
            type="button"
            className={buttonClasses('danger-ghost', 'sm')}
            onClick={() => set((m) => void m.tiers.splice(i, 1))}
          >
            {t('Discard')}
          </button>
        )}
      </td>
    </tr>
  );

  const taskRow = (row: TaskRow, i: number) => (
    <tr key={row.id ?? `new-${i}`} className={row.remove ? 'opacity-50' : ''}>
      <td className="py-1.5 pr-2 text-xs text-zinc-700">
        {row.id ? (
          row.kind
        ) : (
          <>
            <label className="sr-only" htmlFor={`${id}-kk-${i}`}>
              {t('New task {n} kind', { n: i + 1 })}
            </label>
            <select
              id={`${id}-kk-${i}`}
              value={row.kind}
              onChange={(e) => set((m) => void (m.tasks[i]!.kind = e.target.value))}
              className={`${inputClasses} w-28`}
            >
              <option value="sign_in">{t.ctx('task kind', 'Sign in')}</option>
              <option value="share">{t('Share')}</option>
              <option value="invite">{t('Invite')}</option>
              <option value="event">{t('Event')}</option>
            </select>
          </>
        )}
      </td>
      {(['name', 'chances', 'perDay', 'total'] as const).map((f) => (
        <td key={f} className="py-1.5 pr-2">
          <label className="sr-only" htmlFor={`${id}-k${f}-${i}`}>
            {t(TASK_FIELD_LABELS[f], { task: row.name || t('Task {n}', { n: i + 1 }) })}
          </label>
          <input
            id={`${id}-k${f}-${i}`}
            value={row[f]}
            inputMode={f === 'name' ? undefined : 'numeric'}
            onChange={(e) => set((m) => void (m.tasks[i]![f] = e.target.value))}
            className={`${inputClasses} ${f === 'name' ? '' : 'w-20 text-right tabular-nums'}`}
          />
        </td>
      ))}
      <td className="py-1.5 text-right">
        {row.id ? (
          <label className="inline-flex items-center gap-1.5 text-xs text-zinc-700">
            <input
              type="checkbox"
              checked={row.remove}
              onChange={(e) => set((m) => void (m.tasks[i]!.remove = e.target.checked))}
            />
            {t('Remove')}
          </label>
        ) : (
          <button
            type="button"
            className={buttonClasses('danger-ghost', 'sm')}
            onClick={() => set((m) => void m.tasks.splice(i, 1))}
          >
            {t('Discard')}
          </button>
        )}
      </td>
    </tr>
  );

  return (
    <div className="space-y-6">
      <form
        className="space-y-6"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          runPreview();
        }}
      >
        <Section title={t('Materials')} description={t('What players read on the play page.')}>
          <div className="grid grid-cols-2 gap-4">
            <Field label={t('Activity name')}>
              {(p) => (
                <input
                  {...p}
                  value={model.name}
                  onChange={(e) => set((m) => void (m.name = e.target.value))}
                  className={inputClasses}
                />
              )}
            </Field>
            <Field label={t('Title on the play page')}>
              {(p) => (
                <input
                  {...p}
                  value={model.materials.title}
                  onChange={(e) => set((m) => void (m.materials.title = e.target.value))}
                  className={inputClasses}
                />
              )}
            </Field>
            <Field label={t('Theme colour')} hint={t('Like #e11d48; empty for the default.')}>
              {(p) => (
                <input
                  {...p}
                  value={model.materials.themeColor}
                  onChange={(e) => set((m) => void (m.materials.themeColor = e.target.value))}
                  className={inputClasses}
                />
              )}
            </Field>
            <Field label={t('Banner URL')}>
              {(p) => (
                <input
                  {...p}
                  value={model.materials.bannerUrl}
                  onChange={(e) => set((m) => void (m.materials.bannerUrl = e.target.value))}
                  className={inputClasses}
                />
              )}
            </Field>
            <Field label={t('Rules text')} className="col-span-2">
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={model.materials.rulesText}
                  onChange={(e) => set((m) => void (m.materials.rulesText = e.target.value))}
                  className={`${inputClasses} h-auto py-2`}
                />
              )}
            </Field>
          </div>
        </Section>

        <Section
          title={t('Period and limits')}
          description={t("Times in the activity's zone, {zone}. Empty limit: none.", { zone: activity.timezone })}
        >
          <div className="grid grid-cols-3 gap-4">
            <Field label={t('Starts')}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  value={model.startsAt}
                  onChange={(e) => set((m) => void (m.startsAt = e.target.value))}
                  className={inputClasses}
                />
              )}
            </Field>
            <Field label={t('Ends')}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  value={model.endsAt}
                  onChange={(e) => set((m) => void (m.endsAt = e.target.value))}
                  className={inputClasses}
                />
              )}
            </Field>
            <Field label={t('Claim window (hours)')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={model.claimWindowHours}
                  onChange={(e) => set((m) => void (m.claimWindowHours = e.target.value))}
                  className={inputClasses}
                />
              )}
            </Field>
            {LIMIT_FIELDS.map((f) => (
              <Field key={f} label={t(LIMIT_LABELS[f])}>
                {(p) => (
                  <input
                    {...p}
                    inputMode="numeric"
                    value={model.limits[f]}
                    onChange={(e) => set((m) => void (m.limits[f] = e.target.value))}
                    className={inputClasses}
                  />
                )}
              </Field>
            ))}
          </div>
        </Section>

        <Section
          title={t('Tiers')}
          description={t('Odds in percent, stock in units. A removed tier stops being drawn; its wins stay.')}
          actions={
            <button
              type="button"
              className={buttonClasses('secondary', 'sm')}
              onClick={() =>
                set(
                  (m) =>
                    void m.tiers.push({
                      name: '',
                      percent: '',
                      stock: '',
                      pacing: 'none',
                      remove: false,
                      prizeId: '',
                      quantity: '1',
                    }),
                )
              }
            >
              {t('Add tier')}
            </button>
          }
        >
          <table className="w-full text-sm" aria-label={t('Tiers')}>
            <thead>
              <tr className="text-left text-xs text-zinc-600">
                <th scope="col" className="pb-1 font-medium">
                  {t('Name')}
                </th>
                <th scope="col" className="pb-1 font-medium">
                  {t('Odds (%)')}
                </th>
                <th scope="col" className="pb-1 font-medium">
                  {t('Stock')}
                </th>
                <th scope="col" className="pb-1 font-medium">
                  {t('Pacing')}
                </th>
                <th scope="col" className="pb-1 font-medium">
                  {t('Won / prize')}
                </th>
                <th scope="col" className="pb-1">
                  <span className="sr-only">{t('Remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>{model.tiers.map(tierRow)}</tbody>
          </table>
        </Section>

        <Section
          title={t('Tasks')}
          description={t('Ways to earn extra draws. A removed task grants no more; chances already granted stay.')}
          actions={
            <button
              type="button"
              className={buttonClasses('secondary', 'sm')}
              onClick={() =>
                set(
                  (m) =>
                    void m.tasks.push({
                      kind: 'share',
                      name: '',
                      chances: '1',
                      perDay: '',
                      total: '',
                      eventType: '',
                      remove: false,
                    }),
                )
              }
            >
              {t('Add task')}
            </button>
          }
        >
          {model.tasks.length ? (
            <table className="w-full text-sm" aria-label={t('Tasks')}>
              <thead>
                <tr className="text-left text-xs text-zinc-600">
                  <th scope="col" className="pb-1 font-medium">
                    {t('Kind')}
                  </th>
                  <th scope="col" className="pb-1 font-medium">
                    {t('Name')}
                  </th>
                  <th scope="col" className="pb-1 font-medium">
                    {t('Chances')}
                  </th>
                  <th scope="col" className="pb-1 font-medium">
                    {t('Per day')}
                  </th>
                  <th scope="col" className="pb-1 font-medium">
                    {t('Total')}
                  </th>
                  <th scope="col" className="pb-1">
                    <span className="sr-only">{t('Remove')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>{model.tasks.map(taskRow)}</tbody>
            </table>
          ) : (
            <p className="text-sm text-zinc-600">{t('No task.')}</p>
          )}
        </Section>

        <div className="flex items-center gap-3">
          <button type="submit" className={buttonClasses('primary')} disabled={pending}>
            {pending && !review ? <Spinner /> : null}
            {t('Review changes')}
          </button>
          <Link href={`/t/${tenantSlug}/changes`} className={buttonClasses('ghost')}>
            {t('Back to Changes')}
          </Link>
        </div>
      </form>

      {error && !review ? (
        <ChangeError error={error} tenantSlug={tenantSlug} prizeNames={prizeNames} onRebase={() => runPreview()} />
      ) : null}

      {review ? (
        <section
          aria-labelledby={`${id}-review`}
          className="space-y-4 rounded-xl border border-indigo-200 bg-indigo-50/30 p-5"
        >
          <h2 id={`${id}-review`} className="text-base font-semibold text-zinc-950">
            {t('Review: before → after (on v{version})', { version: String(review.baseVersion) })}
          </h2>
          <div className="grid gap-6 lg:grid-cols-2">
            <ChangeDiffView diff={review.diff} prizeNames={prizeNames} label={t('What the change moves')} />
            <ChangeSimulation
              tenantSlug={tenantSlug}
              run={(input) => simulate({ activityId: activity.id, patch: review.patch }, input)}
            />
          </div>
          <form
            className="grid grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto] items-end gap-4"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              runSubmit();
            }}
          >
            <Field label={t('Reason')}>
              {(p) => (
                <input
                  {...p}
                  value={reason}
                  maxLength={500}
                  onChange={(e) => setReason(e.target.value)}
                  className={inputClasses}
                />
              )}
            </Field>
            <Field label={t('Apply at ({zone}; empty: once approved)', { zone })}>
              {(p) => (
                <input
                  {...p}
                  type="datetime-local"
                  value={applyAt}
                  onChange={(e) => setApplyAt(e.target.value)}
                  className={inputClasses}
                />
              )}
            </Field>
            <button type="submit" className={buttonClasses('primary', 'md', 'mb-0.5')} disabled={pending || !!done}>
              {pending ? <Spinner /> : null}
              {editing ? t('Save the change') : t('Submit change')}
            </button>
          </form>
          {error ? (
            <ChangeError error={error} tenantSlug={tenantSlug} prizeNames={prizeNames} onRebase={() => runPreview()} />
          ) : null}
          {done ? <ChangeOutcome change={done} /> : null}
        </section>
      ) : null}
    </div>
  );
}
