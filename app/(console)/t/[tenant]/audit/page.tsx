import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { listAuditFacets, listAuditLogs, type AuditLogDto, type AuditLogFilters } from '@/lib/audit/list-audit-logs';
import { hrefWithQuery, pickQuery } from '@/lib/http/search-params';
import { isInt8Text } from '@/lib/validation/storage-limits';
import { text } from '@/lib/validation/text';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { AuditActorBadge } from '@/components/console/audit/audit-actor-badge';
import { AuditDiff } from '@/components/console/audit/audit-diff';
import { AuditFilterForm, type AuditFilterFormValues } from '@/components/console/audit/audit-filter-form';
import { CursorPager } from '@/components/console/cursor-pager';
import { EmptyState } from '@/components/console/empty-state';
import { ScrollIcon } from '@/components/console/icons';
import { PageHeader } from '@/components/console/page-header';
import { Timestamp } from '@/components/console/timestamp';
import { requireConsolePage } from '../../../_server/session';

export const metadata: Metadata = { title: 'Audit' };

const PAGE_SIZE = 50;
const actorLabel: Record<AuditLogDto['actor']['type'], string> = {
  OPERATOR: 'Operator',
  API_KEY: 'API key',
  SYSTEM: 'System',
  USER: 'User',
};

// ?object=&id=&actor=<TYPE>:<id>&before=: values that do not parse are dropped.
const Params = {
  object: z.string().regex(/^[A-Za-z]{1,40}$/),
  id: text({ min: 1, max: 100 }),
  actor: z.string().regex(/^(OPERATOR|API_KEY|SYSTEM|USER):[\x21-\x7e]{1,100}$/),
  before: z.string().refine(isInt8Text),
};

function parseParams(raw: Record<string, string | string[] | undefined>): {
  values: AuditFilterFormValues;
  before?: string;
} {
  const { before, ...values } = pickQuery(raw, Params);
  return { values, before };
}

function toFilters(values: AuditFilterFormValues): AuditLogFilters {
  const [actorType, ...rest] = values.actor?.split(':') ?? [];
  return {
    objectType: values.object,
    objectId: values.id,
    ...(values.actor ? { actorType: actorType as AuditLogDto['actor']['type'], actorId: rest.join(':') } : {}),
  };
}

function href(base: string, values: AuditFilterFormValues, before?: string): string {
  return hrefWithQuery(base, { ...values, before });
}

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ tenant }, raw] = await Promise.all([params, searchParams]);
  const ctx = await requireConsolePage(tenant);
  const { values, before } = parseParams(raw);
  const [{ items, nextBeforeId }, facets] = await Promise.all([
    listAuditLogs(
      ctx.tenantId,
      { limit: PAGE_SIZE, beforeId: before ? BigInt(before) : undefined, ...toFilters(values) },
      ctx,
    ),
    listAuditFacets(ctx.tenantId, ctx),
  ]);
  const base = `/t/${ctx.tenantSlug}/audit`;
  const filtered = Object.keys(values).length > 0;
  const paged = before !== undefined;

  if (items.length === 0 && !filtered && !paged) {
    return (
      <div className="space-y-8">
        <PageHeader
          title="Audit"
          description="Every change made in this tenant through the console or the management API, newest first."
        />
        <EmptyState icon={ScrollIcon} title="No changes recorded yet">
          <p>
            Creating prizes, publishing activities, adjusting odds or stock, shipping prizes and managing members or API
            keys each leave an entry here: who did it, when, and what changed.
          </p>
          <p className="mt-2">Make a change — for example create an API key in Settings — and it will show up here.</p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title="Audit"
        description="Every change made in this tenant through the console or the management API, newest first: who, what, when, and each field before and after."
      />
      <AuditFilterForm
        // Remount on new filters: the fields are uncontrolled, and a link may change the query.
        key={JSON.stringify(values)}
        action={base}
        values={values}
        objectTypes={facets.objectTypes}
        actors={facets.actors.map((a) => ({ value: `${a.type}:${a.id}`, label: `${a.name} (${actorLabel[a.type]})` }))}
      />
      {items.length === 0 && !paged ? (
        <EmptyState icon={ScrollIcon} title="No entries match these filters">
          <p>
            Nothing in the trail matches.{' '}
            <Link href={base} className="font-medium text-indigo-700 hover:underline">
              Clear the filters
            </Link>{' '}
            to see every change.
          </p>
        </EmptyState>
      ) : (
        <Table
          label="Audit log"
          footer={
            <>
              <span>
                {items.length === 0
                  ? 'No older entries'
                  : `Showing ${items.length} ${items.length === 1 ? 'entry' : 'entries'}`}
                {paged ? ' on this page' : ''}
                {filtered ? ' matching the filters' : ''}
              </span>
              <CursorPager
                firstHref={paged ? href(base, values) : null}
                nextHref={nextBeforeId ? href(base, values, nextBeforeId) : null}
                firstLabel="Newest"
                nextLabel="Older entries"
              />
            </>
          }
        >
          <thead>
            <tr>
              <Th className="w-36">When</Th>
              <Th className="w-44">Who</Th>
              <Th className="w-52">What</Th>
              <Th>Changes</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <Tr key={entry.id}>
                <Td className="align-top text-zinc-700">
                  <Timestamp iso={entry.createdAt} withRelative />
                </Td>
                <Td className="max-w-44 align-top">
                  <div className="min-w-0 space-y-1">
                    <AuditActorBadge actor={entry.actor} />
                    {entry.actor.name ? (
                      <span className="block min-w-0" title={entry.actor.id ?? undefined}>
                        <span className="block truncate text-zinc-900">{entry.actor.name}</span>
                        <span className="block truncate text-xs text-zinc-500">{entry.actor.detail}</span>
                      </span>
                    ) : (
                      <span className="block truncate font-mono text-xs text-zinc-600">{entry.actor.id ?? '—'}</span>
                    )}
                  </div>
                </Td>
                <Td className="max-w-52 align-top">
                  <code className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-xs break-all text-zinc-800">
                    {entry.action}
                  </code>
                  <Link
                    href={href(base, { object: entry.object.type, id: entry.object.id })}
                    className="mt-1.5 block rounded hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500"
                    title={`History of ${entry.object.type} ${entry.object.id}`}
                  >
                    <span className="block font-medium text-zinc-900">{entry.object.type}</span>
                    <span className="block truncate font-mono text-xs text-zinc-500">{entry.object.id}</span>
                  </Link>
                </Td>
                <Td className="align-top">
                  <AuditDiff before={entry.before} after={entry.after} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
