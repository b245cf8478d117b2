// Pick any two versions to compare: a plain GET form, so the comparison has its own address.
import { buttonClasses } from '@/components/ui/button-classes';
import { getConsoleT } from '../i18n-server';
import { versionName } from './version-name';

export async function ComparePicker({
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
  const t = await getConsoleT();
  const select = 'h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm';
  return (
    <form
      method="get"
      action={action}
      aria-label={t('Compare two versions')}
      className="flex flex-wrap items-end gap-2"
    >
      <label className="text-xs font-medium text-zinc-700">
        {t('Version A')}
        <select name="from" defaultValue={from} className={`${select} mt-1 block w-24`}>
          {versions.map((v) => (
            <option key={v} value={v}>
              {versionName(v)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-zinc-700">
        {t('Version B')}
        <select name="to" defaultValue={to} className={`${select} mt-1 block w-24`}>
          {versions.map((v) => (
            <option key={v} value={v}>
              {versionName(v)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClasses('secondary', 'sm')}>
        {t('Compare')}
      </button>
    </form>
  );
}
