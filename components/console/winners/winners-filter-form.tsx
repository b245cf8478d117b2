// The winners filters as a plain GET form: the query string is the state, so a filtered view
// can be bookmarked, shared and exported as it is. next/form navigates without a full reload.
import Form from 'next/form';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { winStatuses, winStatusLabel } from './win-status';

const fieldClasses =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none';

export type WinnersFilterFormValues = { activity?: string; tier?: string; status?: string; from?: string; to?: string; user?: string };

export function WinnersFilterForm({
  action,
  values,
  activities,
}: {
  action: string;
  values: WinnersFilterFormValues;
  activities: readonly { id: string; name: string; tiers: readonly { id: string; name: string }[] }[];
}) {
  const filtered = Object.values(values).some(Boolean);
  // Tiers of the chosen activity, or all of them grouped by activity.
  const tierGroups = values.activity ? activities.filter((a) => a.id === values.activity) : activities;
  return (
    <Form action={action} aria-label="Filter the winners" className="grid grid-cols-[repeat(auto-fill,minmax(10.5rem,1fr))] items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4">
      <div className="col-span-2">
        <label htmlFor="winners-user" className="block text-xs font-medium text-zinc-600">User id</label>
        <input id="winners-user" name="user" type="search" defaultValue={values.user ?? ''} placeholder="Exact user id, e.g. demo-user-1" autoComplete="off" spellCheck={false} className={`mt-1 ${fieldClasses}`} />
      </div>
      <div className="col-span-2">
        <label htmlFor="winners-activity" className="block text-xs font-medium text-zinc-600">Activity</label>
        <select id="winners-activity" name="activity" defaultValue={values.activity ?? ''} className={`mt-1 ${fieldClasses}`}>
          <option value="">All activities</option>
          {activities.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="winners-tier" className="block text-xs font-medium text-zinc-600">Tier</label>
        <select id="winners-tier" name="tier" defaultValue={values.tier ?? ''} className={`mt-1 ${fieldClasses}`}>
          <option value="">All tiers</option>
          {tierGroups.map((a) => (
            <optgroup key={a.id} label={a.name}>
              {a.tiers.map((t) => (
                <option key={t.id} value={t.id}>{t.name}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="winners-status" className="block text-xs font-medium text-zinc-600">Status</label>
        <select id="winners-status" name="status" defaultValue={values.status ?? ''} className={`mt-1 ${fieldClasses}`}>
          <option value="">All statuses</option>
          {winStatuses.map((s) => (
            <option key={s} value={s}>{winStatusLabel[s]}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="winners-from" className="block text-xs font-medium text-zinc-600">Won from (UTC)</label>
        <input id="winners-from" name="from" type="date" defaultValue={values.from ?? ''} className={`mt-1 ${fieldClasses}`} />
      </div>
      <div>
        <label htmlFor="winners-to" className="block text-xs font-medium text-zinc-600">Won to (UTC)</label>
        <input id="winners-to" name="to" type="date" defaultValue={values.to ?? ''} className={`mt-1 ${fieldClasses}`} />
      </div>
      <div className="col-span-2 flex items-center gap-2">
        <button type="submit" className={buttonClasses('secondary')}>Apply filters</button>
        {filtered ? <Link href={action} className={buttonClasses('ghost')}>Clear</Link> : null}
      </div>
    </Form>
  );
}
