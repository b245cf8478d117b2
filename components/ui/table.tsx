// Table primitives with one look across the console: a bordered card, sticky-free header,
// tabular numbers right-aligned by the caller.
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';

export function Table({ label, children, footer }: { label: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]">
      {/* Focusable, so a table wider than the page scrolls by keyboard too (axe: scrollable-region-focusable).
          Positioned, so that what is positioned inside (a header's sr-only label) scrolls with the table
          instead of widening the page. */}
      <div
        className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-500"
        tabIndex={0}
      >
        <table aria-label={label} className="w-full border-collapse text-left text-sm">
          {children}
        </table>
      </div>
      {footer ? (
        <div className="flex items-center justify-between gap-4 border-t border-zinc-200 bg-zinc-50/60 px-4 py-3 text-sm text-zinc-600">
          {footer}
        </div>
      ) : null}
    </div>
  );
}

export function Th({ className = '', ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`border-b border-zinc-200 bg-zinc-50/80 px-4 py-2.5 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-600 uppercase ${className}`}
      {...rest}
    />
  );
}

export function Td({ className = '', ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td
      className={`border-b border-zinc-100 px-4 py-3 align-middle text-zinc-800 group-last:border-b-0 ${className}`}
      {...rest}
    />
  );
}

export function Tr({ children }: { children: ReactNode }) {
  return <tr className="group transition-colors hover:bg-zinc-50/70">{children}</tr>;
}
