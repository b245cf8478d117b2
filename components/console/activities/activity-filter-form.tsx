// The list's filters as a plain GET form: the query string is the state, so a filtered view
// can be bookmarked and shared.
import Form from 'next/form';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';

const fieldClasses =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none';

export function ActivityFilterForm({ action, status, q, statuses }: { action: string; status?: string; q?: string; statuses: readonly string[] }) {
  return (
    <Form action={action} aria-label="Filter activities" className="flex flex-wrap items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4">
      <div className="w-72">
        <label htmlFor="activity-search" className="block text-xs font-medium text-zinc-600">Search by name</label>
        <input id="activity-search" name="q" type="search" defaultValue={q ?? ''} placeholder="e.g. Spring Festival" className={`mt-1 ${fieldClasses}`} />
      </div>
      <div className="w-44">
        <label htmlFor="activity-status" className="block text-xs font-medium text-zinc-600">Status</label>
        <select id="activity-status" name="status" defaultValue={status ?? ''} className={`mt-1 ${fieldClasses}`}>
          <option value="">All statuses</option>
          {statuses.map((s) => <option key={s} value={s}>{s.charAt(0) + s.slice(1).toLowerCase()}</option>)}
        </select>
      </div>
      <div className="flex items-center gap-2">
        <button type="submit" className={buttonClasses('secondary')}>Apply filters</button>
        {status || q ? <Link href={action} className={buttonClasses('ghost')}>Clear</Link> : null}
      </div>
    </Form>
  );
}
