// The ledger's filters as a plain GET form: the query string is the state, so a filtered view
// can be bookmarked, shared and exported as it is. next/form navigates without a full reload.
import Form from 'next/form';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';

const fieldClasses =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none';

export type LedgerFilterValues = { kind?: string; activity?: string; from?: string; to?: string };

export function LedgerFilterForm({
  action,
  values,
  kinds,
  activities,
}: {
  action: string;
  values: LedgerFilterValues;
  kinds: readonly { value: string; label: string }[];
  activities: readonly { id: string; name: string }[];
}) {
  const filtered = Object.values(values).some(Boolean);
  return (
    <Form action={action} aria-label="Filter the ledger" className="flex flex-wrap items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4">
      <div className="w-44">
        <label htmlFor="ledger-kind" className="block text-xs font-medium text-zinc-600">Kind</label>
        <select id="ledger-kind" name="kind" defaultValue={values.kind ?? ''} className={`mt-1 ${fieldClasses}`}>
          <option value="">All kinds</option>
          {kinds.map((k) => (
            <option key={k.value} value={k.value}>{k.label}</option>
          ))}
        </select>
      </div>
      <div className="w-64">
        <label htmlFor="ledger-activity" className="block text-xs font-medium text-zinc-600">Activity</label>
        <select id="ledger-activity" name="activity" defaultValue={values.activity ?? ''} className={`mt-1 ${fieldClasses}`}>
          <option value="">All activities</option>
          {activities.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </select>
      </div>
      <div className="w-40">
        <label htmlFor="ledger-from" className="block text-xs font-medium text-zinc-600">From (UTC)</label>
        <input id="ledger-from" name="from" type="date" defaultValue={values.from ?? ''} className={`mt-1 ${fieldClasses}`} />
      </div>
      <div className="w-40">
        <label htmlFor="ledger-to" className="block text-xs font-medium text-zinc-600">To (UTC)</label>
        <input id="ledger-to" name="to" type="date" defaultValue={values.to ?? ''} className={`mt-1 ${fieldClasses}`} />
      </div>
      <div className="flex items-center gap-2">
        <button type="submit" className={buttonClasses('secondary')}>Apply filters</button>
        {filtered ? (
          <Link href={action} className={buttonClasses('ghost')}>Clear</Link>
        ) : null}
      </div>
    </Form>
  );
}
