import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { EmptyState } from '@/components/console/empty-state';
import { CalendarIcon, KeyIcon } from '@/components/console/icons';
import { PageHeader } from '@/components/console/page-header';
import { requireConsolePage } from '../../../_server/session';

export const metadata: Metadata = { title: 'Activities' };

export default async function ActivitiesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireConsolePage(tenant);
  return (
    <div className="space-y-8">
      <PageHeader
        title="Activities"
        description="Draw campaigns your users play in the host app: a wheel, grid or scratch card with prize tiers, odds, stock and tasks."
      />
      <EmptyState
        icon={CalendarIcon}
        title="No activities yet"
        action={
          <>
            <Link href={`/t/${ctx.tenantSlug}/settings`} className={buttonClasses('primary')}>
              <KeyIcon className="size-4" /> Get an API key
            </Link>
            <Link href={`/t/${ctx.tenantSlug}/prizes`} className={buttonClasses('secondary')}>
              Review prizes
            </Link>
          </>
        }
      >
        <p>
          Each activity will be listed here with its status (draft, scheduled, live, paused, ended), its schedule and a link
          to its live dashboard.
        </p>
        <p className="mt-2">
          To set one up now, call <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[13px] text-zinc-800">POST /api/manage/activities</code>{' '}
          with an API key from Settings, after checking that the prizes it awards have stock.
        </p>
      </EmptyState>
    </div>
  );
}
