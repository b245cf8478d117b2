'use client';

// The operator's own two-factor sign-in: set up (scan the QR code or type the key, then confirm
// with a code), the ten recovery codes shown once, and turning it off with a code.
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition, type FormEvent } from 'react';
import type { TwoFactorStatus } from '@/lib/auth/enrol-two-factor';
import type { ActionResult } from '@/lib/http/action-result';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button-classes';
import { inputClasses } from '@/components/ui/dialog';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { richText } from '../rich-text';
import { Timestamp } from '../timestamp';

/** Examples, written the same in every language. */
const EXAMPLE_CODE = '123456';

export type TwoFactorActions = {
  start: () => Promise<ActionResult<{ uri: string; secret: string }>>;
  confirm: (code: string) => Promise<ActionResult<{ recoveryCodes: string[] }>>;
  disable: (code: string) => Promise<ActionResult<{ off: true }>>;
};

export function TwoFactorPanel({
  status,
  qrSvg,
  actions,
  continueTo,
}: {
  status: TwoFactorStatus;
  /** The pending secret's otpauth URI as a QR code (SVG made on the server). */
  qrSvg: string | null;
  actions: TwoFactorActions;
  /** Where to go once it is on (the tenant that asked for it), else stay. */
  continueTo: string | null;
}) {
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const router = useRouter();

  if (recoveryCodes)
    return (
      <RecoveryCodes
        codes={recoveryCodes}
        onDone={() => {
          setRecoveryCodes(null);
          if (continueTo) window.location.assign(continueTo);
          else router.refresh();
        }}
      />
    );
  if (status.enabled) return <Enabled status={status} disable={actions.disable} />;
  if (status.pending)
    return (
      <Enrol
        pending={status.pending}
        qrSvg={qrSvg}
        confirm={actions.confirm}
        restart={actions.start}
        onEnabled={setRecoveryCodes}
      />
    );
  return <Off start={actions.start} />;
}

function Off({ start }: { start: TwoFactorActions['start'] }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const t = useT();
  return (
    <div className="space-y-4" data-testid="two-factor-off">
      <div className="flex items-center gap-2">
        <Badge tone="neutral">{t('Off')}</Badge>
        <p className="text-sm text-zinc-600">{t('Signing in needs your password only.')}</p>
      </div>
      <p className="text-sm leading-6 text-zinc-600">
        {t(
          'With two-factor sign-in, signing in also needs a 6-digit code from an authenticator app on your phone (Google Authenticator, 1Password, Microsoft Authenticator, …), so a leaked password alone is not enough.',
        )}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        disabled={pending}
        aria-busy={pending}
        className={buttonClasses('primary')}
        onClick={() =>
          startTransition(async () => {
            const result = await start().catch(() => null);
            if (result?.ok) router.refresh();
            else setError(result ? result.error.message : t('Could not reach the server. Try again.'));
          })
        }
      >
        {pending ? <Spinner /> : null}
        {t('Set up two-factor sign-in')}
      </button>
    </div>
  );
}

function Enrol({
  pending: secret,
  qrSvg,
  confirm,
  restart,
  onEnabled,
}: {
  pending: NonNullable<TwoFactorStatus['pending']>;
  qrSvg: string | null;
  confirm: TwoFactorActions['confirm'];
  restart: TwoFactorActions['start'];
  onEnabled: (codes: string[]) => void;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const t = useT();
  const id = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setError(t('Enter the 6-digit code your app shows.'));
      document.getElementById(`${id}-code`)?.focus();
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await confirm(digits).catch(() => null);
      if (result?.ok) onEnabled(result.data.recoveryCodes);
      else {
        setError(result ? result.error.message.replace(/^code: /, '') : t('Could not reach the server. Try again.'));
        document.getElementById(`${id}-code`)?.focus();
      }
    });
  }

  return (
    <div className="space-y-5" data-testid="two-factor-enrol">
      <ol className="list-decimal space-y-1 pl-5 text-sm leading-6 text-zinc-700">
        <li>{t('Open your authenticator app and add an account.')}</li>
        <li>{t('Scan the QR code, or type the setup key by hand.')}</li>
        <li>{t('Enter the 6-digit code the app shows, to prove it works.')}</li>
      </ol>
      <div className="flex flex-wrap items-start gap-6">
        {qrSvg ? (
          <div
            className="size-44 shrink-0 rounded-lg border border-zinc-200 bg-white p-2 [&>svg]:size-full"
            role="img"
            aria-label={t('QR code of the two-factor setup key')}
            data-testid="two-factor-qr"
            // The SVG is made on the server from our own otpauth URI: no outside markup.
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
        ) : null}
        <div className="min-w-0 flex-1 space-y-3 text-sm">
          <div>
            <p className="font-medium text-zinc-900">{t('Setup key')}</p>
            <code
              className="mt-1 block rounded-md bg-zinc-100 px-2.5 py-2 font-mono text-sm tracking-wider break-all text-zinc-900"
              data-testid="two-factor-secret"
              data-secret={secret.secret}
            >
              {secret.secret.match(/.{1,4}/g)!.join(' ')}
            </code>
            <p className="mt-1 text-xs text-zinc-500">{t('Time based, SHA-1, 6 digits, every 30 seconds.')}</p>
          </div>
          <details className="text-xs text-zinc-600">
            <summary className="cursor-pointer font-medium text-zinc-700">{t('Setup link (otpauth://)')}</summary>
            <code className="mt-1 block font-mono break-all" data-testid="two-factor-uri">
              {secret.uri}
            </code>
          </details>
        </div>
      </div>
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex items-start gap-3"
        aria-label={t('Confirm two-factor sign-in')}
      >
        <div className="w-44">
          <label htmlFor={`${id}-code`} className="block text-sm font-medium text-zinc-800">
            {t('Code from the app')}
          </label>
          <input
            id={`${id}-code`}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={10}
            placeholder={EXAMPLE_CODE}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            readOnly={pending}
            className={`mt-1.5 font-mono tracking-widest ${inputClasses}`}
          />
        </div>
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('primary', 'md', 'mt-7')}>
          {pending ? <Spinner /> : null}
          {t('Turn on')}
        </button>
        <button
          type="button"
          disabled={pending}
          className={buttonClasses('ghost', 'md', 'mt-7')}
          onClick={() =>
            startTransition(async () => {
              const result = await restart().catch(() => null);
              if (result?.ok) router.refresh();
            })
          }
        >
          {t('New key')}
        </button>
      </form>
      {error ? (
        <p id={`${id}-error`} role="alert" className="-mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const toast = useToast();
  const t = useT();
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="space-y-4" data-testid="recovery-codes">
      <h3 ref={headingRef} tabIndex={-1} className="text-base font-semibold text-zinc-950 focus:outline-none">
        {t('Two-factor sign-in is on. Save your recovery codes.')}
      </h3>
      <p className="text-sm leading-6 text-zinc-600">
        {t(
          "Each code signs you in once in place of the app's code, if you lose your phone. They are shown only now: keep them in your password manager or print them.",
        )}
      </p>
      <ul className="grid grid-cols-2 gap-2 rounded-lg border border-zinc-200 bg-zinc-50 p-4 font-mono text-sm text-zinc-900">
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ul>
      <div className="flex gap-3">
        <button
          type="button"
          className={buttonClasses('secondary')}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(codes.join('\n'));
              toast.success(t('Recovery codes copied'));
            } catch {
              toast.error(t('Copy failed'), t('Select the codes and copy them by hand.'));
            }
          }}
        >
          {t('Copy codes')}
        </button>
        <button type="button" className={buttonClasses('primary')} onClick={onDone}>
          {t('I have saved them')}
        </button>
      </div>
    </div>
  );
}

function Enabled({ status, disable }: { status: TwoFactorStatus; disable: TwoFactorActions['disable'] }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const toast = useToast();
  const t = useT();
  const id = useId();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!code.trim()) {
      setError(t('Enter a code from your app, or a recovery code.'));
      document.getElementById(`${id}-code`)?.focus();
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await disable(code).catch(() => null);
      if (result?.ok) {
        toast.success(t('Two-factor sign-in is off'));
        router.refresh();
      } else
        setError(result ? result.error.message.replace(/^code: /, '') : t('Could not reach the server. Try again.'));
    });
  }

  return (
    <div className="space-y-5" data-testid="two-factor-on">
      <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-600">
        <Badge tone="green">{t('On')}</Badge>
        <span>
          {richText(t('since {date} · {left} of 10 recovery codes left'), {
            left: t.number(status.recoveryCodesLeft),
            date: status.enabledAt ? <Timestamp iso={status.enabledAt} /> : null,
          })}
        </span>
      </div>
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex items-start gap-3 border-t border-zinc-200 pt-5"
        aria-label={t('Turn off two-factor sign-in')}
      >
        <div className="w-56">
          <label htmlFor={`${id}-code`} className="block text-sm font-medium text-zinc-800">
            {t('Code, to turn it off')}
          </label>
          <input
            id={`${id}-code`}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="one-time-code"
            maxLength={40}
            placeholder={t('123456 or a recovery code')}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            readOnly={pending}
            className={`mt-1.5 font-mono ${inputClasses}`}
          />
          {error ? (
            <p id={`${id}-error`} role="alert" className="mt-1.5 text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClasses('danger', 'md', 'mt-7')}>
          {pending ? <Spinner /> : null}
          {t('Turn off')}
        </button>
      </form>
    </div>
  );
}
