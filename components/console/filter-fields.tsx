// The fields of the console's filter forms (activities, ledger, winners, audit): plain GET forms
// whose query string is the state. One look for every field, one pair of buttons.
import Link from 'next/link';
import type { InputHTMLAttributes, ReactNode } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import { getConsoleT } from './i18n-server';

const fieldClasses =
  'mt-1 block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none';

function Labelled({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-zinc-600">
        {label}
      </label>
      {children}
    </div>
  );
}

/** A select whose first choice, "all", is the empty value; `options`, or grouped `children`. */
export function FilterSelect({
  id,
  name,
  label,
  value,
  allLabel,
  options,
  className,
  children,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  allLabel: string;
  options?: readonly { value: string; label: string }[];
  className?: string;
  children?: ReactNode;
}) {
  return (
    <Labelled id={id} label={label} className={className}>
      <select id={id} name={name} defaultValue={value ?? ''} className={fieldClasses}>
        <option value="">{allLabel}</option>
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </Labelled>
  );
}

/** A text, search or date input; `mono` for ids. */
export function FilterInput({
  id,
  name,
  label,
  value,
  className,
  mono,
  ...input
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  className?: string;
  mono?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'value' | 'defaultValue' | 'className'>) {
  return (
    <Labelled id={id} label={label} className={className}>
      <input
        id={id}
        name={name}
        defaultValue={value ?? ''}
        className={mono ? `font-mono ${fieldClasses}` : fieldClasses}
        {...input}
      />
    </Labelled>
  );
}

/** Apply, and Clear (back to `action` without a query) while anything is filtered. */
export async function FilterButtons({
  action,
  filtered,
  className = '',
}: {
  action: string;
  filtered: boolean;
  className?: string;
}) {
  const t = await getConsoleT();
  return (
    <div className={`flex items-center gap-2 ${className}`}>
      <button type="submit" className={buttonClasses('secondary')}>
        {t('Apply filters')}
      </button>
      {filtered ? (
        <Link href={action} className={buttonClasses('ghost')}>
          {t('Clear')}
        </Link>
      ) : null}
    </div>
  );
}
