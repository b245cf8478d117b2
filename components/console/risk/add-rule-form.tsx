'use client';

// Add a risk rule: the kind decides which numbers are asked for (a rate limit's draws per
// window, the most accounts on one device, the youngest account allowed, none for the
// blacklist). The server validates again; its field errors land under the field they name.
import { useId, useState, useTransition, type FormEvent } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { actionLabel, ruleKindLabel } from './risk-labels';
import { errorClasses, hintClasses, inputClasses, labelClasses } from './field-classes';

const KINDS = [
  'rate_limit_user',
  'rate_limit_device',
  'rate_limit_ip',
  'accounts_per_device',
  'min_account_age',
  'blacklist',
] as const;
type Kind = (typeof KINDS)[number];
const ACTIONS = ['block', 'rate_limited', 'force_lose', 'hold'] as const;
type Action = (typeof ACTIONS)[number];
type Field = 'limit' | 'windowSeconds' | 'max' | 'minAge' | 'action' | 'activityId';
type Errors = Partial<Record<Field | 'form', string>>;

const isRateLimit = (k: Kind) => k.startsWith('rate_limit');
const defaultAction = (k: Kind): Action => (isRateLimit(k) ? 'rate_limited' : 'block');
const kindHints: Record<Kind, string> = {
  rate_limit_user: msg('Counts draws by the same user in a sliding window.'),
  rate_limit_device: msg('Counts draws from the same device in a sliding window.'),
  rate_limit_ip: msg('Counts draws from the same IP address in a sliding window.'),
  accounts_per_device: msg('Refuses new accounts once a device has been used by this many.'),
  min_account_age: msg('Refuses accounts the host app created too recently.'),
  blacklist: msg('Acts on the users, devices and IPs listed under Blacklists below.'),
};
const UNIT_SECONDS = { days: 86_400, hours: 3_600 } as const;

const wholeNumber = (s: string) => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : null);

export function AddRuleForm({
  activities,
  createAction,
}: {
  activities: readonly { id: string; name: string; status: string }[];
  createAction: (input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const [kind, setKind] = useState<Kind>('rate_limit_device');
  const [action, setAction] = useState<Action>('rate_limited');
  const [activityId, setActivityId] = useState('');
  const [limit, setLimit] = useState('10');
  const [windowSeconds, setWindowSeconds] = useState('60');
  const [max, setMax] = useState('3');
  const [minAge, setMinAge] = useState('1');
  const [minAgeUnit, setMinAgeUnit] = useState<keyof typeof UNIT_SECONDS>('days');
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const t = useT();
  const id = useId();
  const f = (name: string) => `${id}-${name}`;

  function clear(field: Field) {
    setErrors((all) => ({ ...all, [field]: undefined, form: undefined }));
  }

  function build(): { input?: Record<string, unknown>; errors: Errors } {
    const found: Errors = {};
    const base = { kind, action, ...(activityId ? { activityId } : {}) };
    if (isRateLimit(kind)) {
      const l = wholeNumber(limit);
      const w = wholeNumber(windowSeconds);
      if (l === null || l < 1 || l > 100_000) found.limit = t('Enter a whole number of draws from 1 to 100,000.');
      if (w === null || w < 1 || w > 86_400)
        found.windowSeconds = t('Enter a window of 1 to 86,400 seconds (one day).');
      return { errors: found, input: { ...base, limit: l, windowSeconds: w } };
    }
    if (kind === 'accounts_per_device') {
      const m = wholeNumber(max);
      if (m === null || m < 1 || m > 1_000) found.max = t('Enter a whole number of accounts from 1 to 1,000.');
      return { errors: found, input: { ...base, max: m } };
    }
    if (kind === 'min_account_age') {
      const n = wholeNumber(minAge);
      const seconds = n === null ? null : n * UNIT_SECONDS[minAgeUnit];
      if (seconds === null || seconds < 1 || seconds > 3 * 365 * 86_400)
        found.minAge = t('Enter a whole number, at least 1 and at most 3 years.');
      return { errors: found, input: { ...base, minAgeSeconds: seconds } };
    }
    return { errors: found, input: base };
  }

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const { input, errors: found } = build();
    setErrors(found);
    const first = (Object.keys(found) as Field[])[0];
    if (first) {
      document.getElementById(f(first))?.focus();
      return;
    }
    startTransition(async () => {
      const result = await createAction(input);
      if (result.ok) {
        const scope = activities.find((a) => a.id === activityId)?.name ?? t('all activities');
        toast.success(
          t('Rule added'),
          t('{kind} → {action}, for {scope}.', {
            kind: ruleKindLabel(t, kind),
            action: actionLabel(t, action),
            scope,
          }),
        );
        setErrors({});
        return;
      }
      setErrors(serverErrors(result.error.message));
      toast.error(t('Could not add the rule'), result.error.message);
    });
  }

  const fieldError = (field: Field, hint: string) =>
    errors[field] ? (
      <p id={f(`${field}-hint`)} className={errorClasses}>
        {errors[field]}
      </p>
    ) : (
      <p id={f(`${field}-hint`)} className={hintClasses}>
        {hint}
      </p>
    );
  const invalid = (field: Field) => (errors[field] ? true : undefined);

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={f('title')}
      className="rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]"
    >
      <div className="border-b border-zinc-200 px-5 py-4">
        <h3 id={f('title')} className="text-sm font-semibold text-zinc-950">
          {t('Add a rule')}
        </h3>
        <p className="mt-0.5 text-sm text-zinc-600">
          {t('Rules act on every draw as it happens; changes apply at once. The kind decides what is counted.')}
        </p>
      </div>
      {errors.form ? (
        <p role="alert" className="mx-5 mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.form}
        </p>
      ) : null}
      <div className="grid items-start gap-x-5 gap-y-4 p-5 md:grid-cols-2 xl:grid-cols-[repeat(auto-fit,minmax(10rem,1fr))]">
        <div>
          <label htmlFor={f('kind')} className={labelClasses}>
            {t('Kind')}
          </label>
          <select
            id={f('kind')}
            value={kind}
            onChange={(e) => {
              const k = e.target.value as Kind;
              setKind(k);
              setAction(defaultAction(k));
              setErrors({});
            }}
            disabled={pending}
            aria-describedby={f('kind-hint')}
            className={`mt-1.5 ${inputClasses}`}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {ruleKindLabel(t, k)}
              </option>
            ))}
          </select>
          <p id={f('kind-hint')} className={hintClasses}>
            {t(kindHints[kind])}
          </p>
        </div>

        {kind === 'blacklist' ? (
          <div>
            <p className={labelClasses}>{t('Settings')}</p>
            <p className="mt-1.5 rounded-md border border-dashed border-zinc-300 bg-zinc-50 px-3 py-2 text-sm text-zinc-600">
              {t('None: the blacklists below say who is refused.')}
            </p>
          </div>
        ) : null}

        {isRateLimit(kind) ? (
          <>
            <div>
              <label htmlFor={f('limit')} className={labelClasses}>
                {t('Draws allowed')}
              </label>
              <input
                id={f('limit')}
                inputMode="numeric"
                autoComplete="off"
                value={limit}
                onChange={(e) => {
                  setLimit(e.target.value);
                  clear('limit');
                }}
                disabled={pending}
                aria-invalid={invalid('limit')}
                aria-describedby={f('limit-hint')}
                className={`mt-1.5 tabular-nums ${inputClasses}`}
              />
              {fieldError('limit', t('Per window, 1 to 100,000.'))}
            </div>
            <div>
              <label htmlFor={f('windowSeconds')} className={labelClasses}>
                {t('Window (seconds)')}
              </label>
              <input
                id={f('windowSeconds')}
                inputMode="numeric"
                autoComplete="off"
                value={windowSeconds}
                onChange={(e) => {
                  setWindowSeconds(e.target.value);
                  clear('windowSeconds');
                }}
                disabled={pending}
                aria-invalid={invalid('windowSeconds')}
                aria-describedby={f('windowSeconds-hint')}
                className={`mt-1.5 tabular-nums ${inputClasses}`}
              />
              {fieldError('windowSeconds', t('Up to 86,400 (a day).'))}
            </div>
          </>
        ) : null}

        {kind === 'accounts_per_device' ? (
          <div>
            <label htmlFor={f('max')} className={labelClasses}>
              {t('Most accounts on one device')}
            </label>
            <input
              id={f('max')}
              inputMode="numeric"
              autoComplete="off"
              value={max}
              onChange={(e) => {
                setMax(e.target.value);
                clear('max');
              }}
              disabled={pending}
              aria-invalid={invalid('max')}
              aria-describedby={f('max-hint')}
              className={`mt-1.5 tabular-nums ${inputClasses}`}
            />
            {fieldError('max', t('The next account on that device is refused.'))}
          </div>
        ) : null}

        {kind === 'min_account_age' ? (
          <div>
            <label htmlFor={f('minAge')} className={labelClasses}>
              {t('Minimum account age')}
            </label>
            <div className="mt-1.5 flex gap-2">
              <input
                id={f('minAge')}
                inputMode="numeric"
                autoComplete="off"
                value={minAge}
                onChange={(e) => {
                  setMinAge(e.target.value);
                  clear('minAge');
                }}
                disabled={pending}
                aria-invalid={invalid('minAge')}
                aria-describedby={f('minAge-hint')}
                className={`tabular-nums ${inputClasses}`}
              />
              <select
                aria-label={t('Unit of the minimum age')}
                value={minAgeUnit}
                onChange={(e) => {
                  setMinAgeUnit(e.target.value as keyof typeof UNIT_SECONDS);
                  clear('minAge');
                }}
                disabled={pending}
                className={`w-28 shrink-0 ${inputClasses}`}
              >
                <option value="days">{t('days')}</option>
                <option value="hours">{t('hours')}</option>
              </select>
            </div>
            {fieldError('minAge', t('From the account creation time in the user token.'))}
          </div>
        ) : null}

        <div>
          <label htmlFor={f('action')} className={labelClasses}>
            {t('Action on a hit')}
          </label>
          <select
            id={f('action')}
            value={action}
            onChange={(e) => {
              setAction(e.target.value as Action);
              clear('action');
            }}
            disabled={pending}
            aria-invalid={invalid('action')}
            aria-describedby={f('action-hint')}
            className={`mt-1.5 ${inputClasses}`}
          >
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(t, a)}
              </option>
            ))}
          </select>
          {fieldError(
            'action',
            action === 'hold'
              ? t('The draw runs; a win waits under Winners for a decision.')
              : action === 'force_lose'
                ? t('The draw runs and uses a chance, but never wins.')
                : t('The draw is refused; no chance is used.'),
          )}
        </div>

        <div>
          <label htmlFor={f('activityId')} className={labelClasses}>
            {t('Applies to')}
          </label>
          <select
            id={f('activityId')}
            value={activityId}
            onChange={(e) => {
              setActivityId(e.target.value);
              clear('activityId');
            }}
            disabled={pending}
            aria-invalid={invalid('activityId')}
            aria-describedby={f('activityId-hint')}
            className={`mt-1.5 ${inputClasses}`}
          >
            <option value="">{t('All activities')}</option>
            {activities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
                {a.status === 'live' ? '' : ` (${a.status})`}
              </option>
            ))}
          </select>
          {fieldError('activityId', t('A rule for all activities also covers ones created later.'))}
        </div>
      </div>
      <div className="flex justify-end rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-5 py-3">
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('primary')}>
          {pending ? <Spinner /> : null}
          {pending ? t('Adding…') : t('Add rule')}
        </button>
      </div>
    </form>
  );
}

/** The server's "limit: …; windowSeconds: …" message, field by field. */
function serverErrors(message: string): Errors {
  const found: Errors = {};
  for (const part of message.split('; ')) {
    const m = /^(\w+): (.*)$/.exec(part);
    const field = m?.[1] === 'minAgeSeconds' ? 'minAge' : m?.[1];
    if (m && field && ['limit', 'windowSeconds', 'max', 'minAge', 'action', 'activityId'].includes(field))
      found[field as Field] = m[2];
    else found.form = found.form ? `${found.form}; ${part}` : part;
  }
  return found;
}
