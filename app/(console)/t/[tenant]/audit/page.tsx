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
import { getConsoleT } from '@/components/console/i18n-server';
import { PageHeader } from '@/components/console/page-header';
import { richText } from '@/components/console/rich-text';
import { msg, type Translator } from '@/lib/i18n/console/translator';
import { Timestamp } from '@/components/console/timestamp';
import { requireConsolePage } from '../../../_server/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getConsoleT();
  return { title: t('Audit') };
}

const PAGE_SIZE = 50;
const actorLabel: Record<AuditLogDto['actor']['type'], string> = {
  OPERATOR: msg('Operator'),
  API_KEY: msg('API key'),
  SYSTEM: msg('System'),
  USER: msg('User'),
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

/** The table footer's count: one whole sentence per case, so each language words it its own way. */
function footerText(t: Translator, count: number, paged: boolean, filtered: boolean): string {
  if (count === 0)
    return paged
      ? filtered
        ? t('No older entries on this page matching the filters')
        : t('No older entries on this page')
      : filtered
        ? t('No older entries matching the filters')
        : t('No older entries');
  if (paged && filtered)
    return t.plural(
      count,
      'Showing {count} entry on this page matching the filters',
      'Showing {count} entries on this page matching the filters',
    );
  if (paged) return t.plural(count, 'Showing {count} entry on this page', 'Showing {count} entries on this page');
  if (filtered)
    return t.plural(
      count,
      'Showing {count} entry matching the filters',
      'Showing {count} entries matching the filters',
    );
  return t.plural(count, 'Showing {count} entry', 'Showing {count} entries');
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
  const t = await getConsoleT();
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
          title={t('Audit')}
          description={t('Every change made in this tenant through the console or the management API, newest first.')}
        />
        <EmptyState icon={ScrollIcon} title={t('No changes recorded yet')}>
          <p>
            {t(
              'Creating prizes, publishing activities, adjusting odds or stock, shipping prizes and managing members or API keys each leave an entry here: who did it, when, and what changed.',
            )}
          </p>
          <p className="mt-2">
            {t('Make a change — for example create an API key in Settings — and it will show up here.')}
          </p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('Audit')}
        description={t(
          'Every change made in this tenant through the console or the management API, newest first: who, what, when, and each field before and after.',
        )}
      />
      <AuditFilterForm
        // Remount on new filters: the fields are uncontrolled, and a link may change the query.
        key={JSON.stringify(values)}
        action={base}
        values={values}
        objectTypes={facets.objectTypes}
        actors={facets.actors.map((a) => ({
          value: `${a.type}:${a.id}`,
          label: `${a.name} (${t(actorLabel[a.type])})`,
        }))}
      />
      {items.length === 0 && !paged ? (
        <EmptyState icon={ScrollIcon} title={t('No entries match these filters')}>
          <p>
            {richText(t('Nothing in the trail matches. {clear} to see every change.'), {
              clear: (
                <Link href={base} className="font-medium text-indigo-700 hover:underline">
                  {t('Clear the filters')}
                </Link>
              ),
            })}
          </p>
        </EmptyState>
      ) : (
        <Table
          label={t('Audit log')}
          footer={
            <>
              <span>{footerText(t, items.length, paged, filtered)}</span>
              <CursorPager
                firstHref={paged ? href(base, values) : null}
                nextHref={nextBeforeId ? href(base, values, nextBeforeId) : null}
                firstLabel={t('Newest')}
                nextLabel={t('Older entries')}
              />
            </>
          }
        >
          <thead>
            <tr>
              <Th className="w-36">{t('When')}</Th>
              <Th className="w-44">{t('Who')}</Th>
              <Th className="w-52">{t('What')}</Th>
              <Th>{t('Changes')}</Th>
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
                    title={t('History of {object} {id}', { object: entry.object.type, id: entry.object.id })}
                  >
                    <span className="block font-medium text-zinc-900">{entry.object.type}</span>
                    <span className="block truncate font-mono text-xs text-zinc-500">{entry.object.id}</span>
                  </Link>
                </Td>
                <Td className="align-top">
                  <AuditDiff before={entry.before} after={entry.after} t={t} />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
