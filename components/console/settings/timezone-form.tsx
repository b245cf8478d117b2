'use client';

// The tenant's console time zone (owners): every time the console shows outside an activity's
// own pages is in this zone, labelled.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from '../i18n';

const ZONES = Intl.supportedValuesOf('timeZone');

export function TimezoneForm({
  timezone,
  update,
}: {
  timezone: string;
  update: ((timezone: string) => Promise<ActionResult<{ timezone: string }>>) | null;
}) {
  const [value, setValue] = useState(timezone);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const toast = useToast();
  const t = useT();
  if (!update) return <span>{timezone}</span>;
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await update(value).catch(() => null);
          if (result?.ok) {
            setError(null);
            toast.success(
              t('Time zone saved'),
              t('The console shows times in {zone}.', { zone: result.data.timezone }),
            );
            router.refresh();
          } else setError(result ? result.error.message : t('The server could not be reached; nothing changed.'));
        });
      }}
    >
      <label htmlFor="tenant-timezone" className="sr-only">
        {t('Console time zone')}
      </label>
      <input
        id="tenant-timezone"
        list="tenant-timezones"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'tenant-timezone-error' : undefined}
        className="h-8 w-56 rounded-md border border-zinc-300 px-2 text-sm"
      />
      <datalist id="tenant-timezones">
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <button type="submit" className={buttonClasses('secondary', 'sm')} disabled={pending || value === timezone}>
        {pending ? <Spinner /> : null}
        {t('Save')}
      </button>
      {error ? (
        <p id="tenant-timezone-error" role="alert" className="w-full text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
