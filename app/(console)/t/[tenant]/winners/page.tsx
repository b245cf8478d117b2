import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { EmptyState } from '@/components/console/empty-state';
import { TrophyIcon } from '@/components/console/icons';
import { PageHeader } from '@/components/console/page-header';
import { requireConsolePage } from '../../../_server/session';

export const metadata: Metadata = { title: 'Winners' };

export default async function WinnersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireConsolePage(tenant);
  return (
    <div className="space-y-8">
      <PageHeader title="Winners" description="Every prize won in this tenant's activities, from claim to delivery." />
      <EmptyState
        icon={TrophyIcon}
        title="No winners yet"
        action={
          <Link href={`/t/${ctx.tenantSlug}/activities`} className={buttonClasses('secondary')}>
            Go to activities
          </Link>
        }
      >
        <p>
          When users win in a live activity, each win appears here with its prize and status: awaiting claim, claimed,
          shipped, delivered — or held for risk review. Physical prizes show the shipping address the winner entered.
        </p>
        <p className="mt-2">Nothing to do yet: winners arrive once an activity is live and users start drawing.</p>
      </EmptyState>
    </div>
  );
}
