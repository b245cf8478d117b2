'use client';

// Labelled form fields of the activity editor: a visible label, the error (from the server's
// validation) or a hint under the field, both tied to the input for screen readers.
import { useId, type ReactNode } from 'react';

export const inputClasses =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-400 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20 disabled:bg-zinc-50 read-only:bg-zinc-50';

export function Field({
  label,
  error,
  hint,
  className = '',
  children,
}: {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const note = `${id}-note`;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="mt-1.5">
        {children({
          id,
          ...(error ? { 'aria-invalid': true } : {}),
          ...(error || hint ? { 'aria-describedby': note } : {}),
        })}
      </div>
      {error ? (
        <p id={note} className="mt-1.5 text-sm text-red-700" data-testid="field-error">
          {error}
        </p>
      ) : hint ? (
        <p id={note} className="mt-1.5 text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function Section({
  title,
  description,
  children,
  actions,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]"
    >
      <div className="flex items-start justify-between gap-4 border-b border-zinc-200 px-5 py-4">
        <div>
          <h2 id={id} className="text-base font-semibold text-zinc-950">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-zinc-600">{description}</p> : null}
        </div>
        {actions}
      </div>
      <div className="@container space-y-5 px-5 py-5">{children}</div>
    </section>
  );
}
