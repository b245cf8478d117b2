import { Badge, type BadgeTone } from '@/components/ui/badge';

const tone: Record<string, BadgeTone> = {
  DRAFT: 'neutral',
  SCHEDULED: 'blue',
  LIVE: 'green',
  PAUSED: 'amber',
  ENDED: 'violet',
};

export function ActivityStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={tone[status] ?? 'neutral'}>
      {status === 'LIVE' ? (
        <span aria-hidden className="mr-1.5 inline-block size-1.5 rounded-full bg-emerald-500" />
      ) : null}
      <span data-testid="activity-status">{status.charAt(0) + status.slice(1).toLowerCase()}</span>
    </Badge>
  );
}
