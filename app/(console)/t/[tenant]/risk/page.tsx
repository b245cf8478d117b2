import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button-classes';
import { EmptyState } from '@/components/console/empty-state';
import { ShieldIcon } from '@/components/console/icons';
import { PageHeader } from '@/components/console/page-header';
import { requireConsolePage } from '../../../_server/session';

export const metadata: Metadata = { title: 'Risk' };

export default async function RiskPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireConsolePage(tenant);
  return (
    <div className="space-y-8">
      <PageHeader title="Risk" description="Real-time protection against abuse: blocklists, rate limits and win-rate anomalies." />
      <EmptyState
        icon={ShieldIcon}
        title="No risk events"
        action={
          <Link href={`/t/${ctx.tenantSlug}/audit`} className={buttonClasses('secondary')}>
            View audit log
          </Link>
        }
      >
        <p>
          Draws that were blocked, forced to lose or held for review will be listed here as they happen, with the rule that
          fired — blocklisted user, device or IP, rate limits, too many accounts on one device, accounts that are too new, or a
          win-rate anomaly.
        </p>
        <p className="mt-2">Events appear once an activity is live. Held wins wait for a decision under Winners.</p>
      </EmptyState>
    </div>
  );
}
