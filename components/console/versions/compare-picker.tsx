// Pick any two versions to compare: a plain GET form, so the comparison has its own address.
import { buttonClasses } from '@/components/ui/button-classes';

export function ComparePicker({
  versions,
  from,
  to,
  action,
}: {
  versions: number[];
  from: number;
  to: number;
  action: string;
}) {
  const select = 'h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm';
  return (
    <form method="get" action={action} aria-label="Compare two versions" className="flex flex-wrap items-end gap-2">
      <label className="text-xs font-medium text-zinc-700">
        Version A
        <select name="from" defaultValue={from} className={`${select} mt-1 block w-24`}>
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-zinc-700">
        Version B
        <select name="to" defaultValue={to} className={`${select} mt-1 block w-24`}>
          {versions.map((v) => (
            <option key={v} value={v}>
              v{v}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClasses('secondary', 'sm')}>
        Compare
      </button>
    </form>
  );
}
