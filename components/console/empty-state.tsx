import type { ComponentType, ReactNode } from 'react';
import type { IconProps } from './icons';

/** A bordered, centred panel saying what will appear here and what to do to get there. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: ComponentType<IconProps>;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section
      aria-label={title}
      data-testid="empty-state"
      className="flex flex-col items-center rounded-xl border border-dashed border-zinc-300 bg-zinc-50/60 px-8 py-16 text-center"
    >
      <span className="flex size-12 items-center justify-center rounded-full bg-white shadow-sm ring-1 ring-zinc-200">
        <Icon className="size-5 text-zinc-600" />
      </span>
      <h2 className="mt-4 text-base font-semibold text-zinc-900">{title}</h2>
      <div className="mt-2 max-w-md text-sm leading-6 text-zinc-600">{children}</div>
      {action ? <div className="mt-6 flex items-center gap-3">{action}</div> : null}
    </section>
  );
}
