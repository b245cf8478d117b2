// One look for the risk forms' fields, matching the restock dialog's.
export const inputClasses =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20 ' +
  'disabled:bg-zinc-50 disabled:text-zinc-500';

export const textareaClasses =
  'block w-full rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-[13px] leading-5 text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/20 ' +
  'disabled:bg-zinc-50 disabled:text-zinc-500';

export const labelClasses = 'block text-sm font-medium text-zinc-800';
export const hintClasses = 'mt-1.5 text-xs text-zinc-500';
export const errorClasses = 'mt-1.5 text-sm text-red-700';
