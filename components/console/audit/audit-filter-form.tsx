// The audit log's filters as a plain GET form (the query string is the state): one kind of
// object, optionally one object by id, and one actor.
import Form from 'next/form';
import { FilterButtons, FilterInput, FilterSelect } from '@/components/console/filter-fields';
import { getConsoleT } from '@/components/console/i18n-server';

export type AuditFilterFormValues = { object?: string; id?: string; actor?: string };

export async function AuditFilterForm({
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
  const t = await getConsoleT();
  return (
    <Form
      action={action}
      aria-label={t('Filter the audit log')}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4"
    >
      <FilterSelect
        id="audit-object"
        name="object"
        label={t('Object')}
        value={values.object}
        allLabel={t('All objects')}
        options={objectTypes.map((type) => ({ value: type, label: type }))}
        className="w-44"
      />
      <FilterInput
        id="audit-id"
        name="id"
        label={t('Object id')}
        value={values.id}
        type="search"
        placeholder={t("Exact id, e.g. a win's id")}
        autoComplete="off"
        spellCheck={false}
        mono
        className="w-80"
      />
      <FilterSelect
        id="audit-actor"
        name="actor"
        label={t('Actor')}
        value={values.actor}
        allLabel={t('Anyone')}
        options={actors}
        className="w-64"
      />
      <FilterButtons action={action} filtered={Object.values(values).some(Boolean)} />
    </Form>
  );
}
