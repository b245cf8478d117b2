'use client';

// A modal on the native <dialog> (focus trap, Escape and top layer for free) in the console's
// look: a title, a body, a footer of buttons. A click on the backdrop closes it unless busy.
import { forwardRef, type FormEvent, type ReactNode } from 'react';

type DialogProps = {
  titleId: string;
  title: ReactNode;
  description?: ReactNode;
  descriptionId?: string;
  pending?: boolean;
  size?: 'md' | 'lg';
  icon?: ReactNode;
  onSubmit?: (e: FormEvent<HTMLFormElement>) => void;
  children?: ReactNode;
  footer: ReactNode;
};

export const Dialog = forwardRef<HTMLDialogElement, DialogProps>(function Dialog(
  { titleId, title, description, descriptionId, pending = false, size = 'md', icon, onSubmit, children, footer },
  ref,
) {
  const body = (
    <>
      <div className="space-y-5 p-6">
        <div className="flex items-start gap-4">
          {icon}
          <div className="min-w-0">
            <h2 id={titleId} className="text-base font-semibold text-zinc-950">
              {title}
            </h2>
            {description ? (
              <div id={descriptionId} className="mt-1.5 text-sm leading-6 text-zinc-600">
                {description}
              </div>
            ) : null}
          </div>
        </div>
        {children}
      </div>
      <div className="flex justify-end gap-2 rounded-b-xl border-t border-zinc-200 bg-zinc-50 px-6 py-4">{footer}</div>
    </>
  );
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(e) => {
        if (pending) e.preventDefault();
      }}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> element itself.
        if (e.target === e.currentTarget && !pending) e.currentTarget.close();
      }}
      className={`m-auto w-full ${size === 'lg' ? 'max-w-xl' : 'max-w-md'} rounded-xl border border-zinc-200 bg-white p-0 text-left shadow-2xl shadow-zinc-900/20`}
    >
      {onSubmit ? (
        <form onSubmit={onSubmit} noValidate>
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
});

export const inputClasses =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20 disabled:bg-zinc-50';
