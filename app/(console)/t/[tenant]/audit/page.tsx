import type { Metadata } from 'next';
import { CursorPager } from '@/components/console/cursor-pager';
import { listAuditLogs, type AuditLogDto } from '@/lib/audit/list-audit-logs';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Table, Td, Th, Tr } from '@/components/ui/table';
import { EmptyState } from '@/components/console/empty-state';
import { ScrollIcon } from '@/components/console/icons';
import { PageHeader } from '@/components/console/page-header';
import { Timestamp } from '@/components/console/timestamp';
import { requireConsolePage } from '../../../_server/session';

export const metadata: Metadata = { title: 'Audit' };

const PAGE_SIZE = 100;
const actorTone: Record<AuditLogDto['actor']['type'], BadgeTone> = { OPERATOR: 'blue', API_KEY: 'violet', SYSTEM: 'neutral', USER: 'green' };
const actorLabel: Record<AuditLogDto['actor']['type'], string> = { OPERATOR: 'Operator', API_KEY: 'API key', SYSTEM: 'System', USER: 'User' };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ before?: string | string[] }>;
}) {
  const [{ tenant }, { before }] = await Promise.all([params, searchParams]);
  const ctx = await requireConsolePage(tenant);
  const beforeId = typeof before === 'string' && /^\d{1,19}$/.test(before) ? BigInt(before) : undefined;
  const { items, nextBeforeId } = await listAuditLogs(ctx.tenantId, { limit: PAGE_SIZE, beforeId });

  return (
    <div className="space-y-8">
      <PageHeader
        title="Audit"
        description="Every change made in this tenant through the console or the management API, newest first."
      />
      {items.length === 0 && beforeId === undefined ? (
        <EmptyState icon={ScrollIcon} title="No changes recorded yet">
          <p>
            Creating prizes, publishing activities, adjusting odds or stock and managing API keys each leave an entry here: who
            did it, when, and what changed.
          </p>
          <p className="mt-2">Make a change — for example create an API key in Settings — and it will show up here.</p>
        </EmptyState>
      ) : (
        <Table
          label="Audit log"
          footer={
            <>
              <span>
                {items.length === 0 ? 'No older entries' : `Showing ${items.length} ${items.length === 1 ? 'entry' : 'entries'}`}
                {beforeId !== undefined ? ' on this page' : ''}
              </span>
              <CursorPager firstHref={beforeId !== undefined ? `/t/${ctx.tenantSlug}/audit` : null} nextHref={nextBeforeId ? `/t/${ctx.tenantSlug}/audit?before=${nextBeforeId}` : null} firstLabel="Newest" nextLabel="Older entries" />
            </>
          }
        >
          <thead>
            <tr>
              <Th className="w-48">When</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Object</Th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <Tr key={entry.id}>
                <Td className="text-zinc-700">
                  <Timestamp iso={entry.createdAt} withRelative />
                </Td>
                <Td className="max-w-xs">
                  <div className="flex min-w-0 items-center gap-2.5">
                    <Badge tone={actorTone[entry.actor.type]}>{actorLabel[entry.actor.type]}</Badge>
                    {entry.actor.name ? (
                      <span className="min-w-0" title={entry.actor.id ?? undefined}>
                        <span className="block truncate text-zinc-900">{entry.actor.name}</span>
                        <span className="block truncate text-xs text-zinc-500">{entry.actor.detail}</span>
                      </span>
                    ) : (
                      <span className="truncate font-mono text-xs text-zinc-600">{entry.actor.id ?? '—'}</span>
                    )}
                  </div>
                </Td>
                <Td>
                  <code className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-800">{entry.action}</code>
                </Td>
                <Td className="max-w-xs">
                  <span className="font-medium text-zinc-900">{entry.object.type}</span>
                  <span className="block truncate font-mono text-xs text-zinc-500" title={entry.object.id}>{entry.object.id}</span>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
