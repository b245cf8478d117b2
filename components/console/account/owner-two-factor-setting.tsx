'use client';

// The tenant's "require two-factor sign-in for owners" (owners change it; the server checks the
// role and that the owner changing it has two-factor on). While it is on, an owner without
// two-factor is sent to set it up before anything else in this tenant.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';
import { richText } from '../rich-text';

export function OwnerTwoFactorSetting({
  required,
  youHaveTwoFactor,
  update,
}: {
  required: boolean;
  youHaveTwoFactor: boolean;
  update: ((required: boolean) => Promise<ActionResult<{ required: boolean }>>) | null;
}) {
  const [value, setValue] = useState(required);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const toast = useToast();
  const t = useT();
  const id = useId();

  function change(next: boolean) {
    setValue(next);
    setError(null);
    start(async () => {
      const result = await update!(next).catch(() => null);
      if (result?.ok) {
        toast.success(
          t('Setting saved'),
          result.data.required ? t('Owners now need two-factor sign-in.') : t('Owners may sign in without two-factor.'),
        );
        router.refresh();
      } else {
        setValue(!next);
        setError(result ? result.error.message : t('The server could not be reached; nothing changed.'));
      }
    });
  }

  return (
    <div className="rounded-lg border border-zinc-200 bg-white px-4 py-3.5" data-testid="owner-two-factor-setting">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          checked={value}
          disabled={!update || pending}
          onChange={(e) => change(e.target.checked)}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
          className="mt-0.5 size-4 rounded border-zinc-300 text-indigo-600 focus:ring-indigo-500"
        />
        <div className="min-w-0 text-sm">
          <label htmlFor={id} className="font-medium text-zinc-900">
            {t('Require two-factor sign-in for owners')} {pending ? <Spinner /> : null}
          </label>
          <p id={`${id}-help`} className="mt-1 text-zinc-600">
            {t(
              "An owner without it is sent to set it up before they can use this tenant's console. Operators and analysts may still turn it on for themselves.",
            )}{' '}
            {update ? null : <span className="text-zinc-500">{t('Only owners change this.')}</span>}
          </p>
          {update && !youHaveTwoFactor ? (
            <p className="mt-1 text-zinc-600">
              {richText(t('Turn on two-factor sign-in for yourself first, under {link}.'), {
                link: (
                  <Link href="/account/security" className="font-medium text-indigo-700 hover:underline">
                    {t('Account security')}
                  </Link>
                ),
              })}
            </p>
          ) : null}
          {error ? (
            <p id={`${id}-error`} role="alert" className="mt-1.5 text-red-700">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
