// The audit log's filters as a plain GET form (the query string is the state): one kind of
// object, optionally one object by id, and one actor.
import Form from 'next/form';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';

const fieldClasses =
  'block h-9 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-sm placeholder:text-zinc-500 ' +
  'focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none';

export type AuditFilterFormValues = { object?: string; id?: string; actor?: string };

export function AuditFilterForm({
  action,
  values,
  objectTypes,
  actors,
}: {
  action: string;
  values: AuditFilterFormValues;
  objectTypes: readonly string[];
  actors: readonly { value: string; label: string }[];
}) {
  const filtered = Object.values(values).some(Boolean);
  return (
    <Form action={action} aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4">
      <div className="w-44">
        <label htmlFor="audit-object" className="block text-xs font-medium text-zinc-600">Object</label>
        <select id="audit-object" name="object" defaultValue={values.object ?? ''} className={`mt-1 ${fieldClasses}`}>
          <option value="">All objects</option>
          {objectTypes.map((t) => (
            <option key={t} value={t}>{t}</option>
          ))}
        </select>
      </div>
      <div className="w-80">
        <label htmlFor="audit-id" className="block text-xs font-medium text-zinc-600">Object id</label>
        <input id="audit-id" name="id" type="search" defaultValue={values.id ?? ''} placeholder="Exact id, e.g. a win's id" autoComplete="off" spellCheck={false} className={`mt-1 font-mono ${fieldClasses}`} />
      </div>
      <div className="w-64">
        <label htmlFor="audit-actor" className="block text-xs font-medium text-zinc-600">Actor</label>
        <select id="audit-actor" name="actor" defaultValue={values.actor ?? ''} className={`mt-1 ${fieldClasses}`}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.value} value={a.value}>{a.label}</option>
          ))}
        </select>
      </div>
      <div className="flex items-center gap-2">
        <button type="submit" className={buttonClasses('secondary')}>Apply filters</button>
        {filtered ? <Link href={action} className={buttonClasses('ghost')}>Clear</Link> : null}
      </div>
    </Form>
  );
}
