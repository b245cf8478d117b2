'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import { useT } from '../i18n';
import { activityStatusLabels } from './format';

const tone: Record<string, BadgeTone> = {
  DRAFT: 'neutral',
  SCHEDULED: 'blue',
  LIVE: 'green',
  PAUSED: 'amber',
  ENDED: 'violet',
};

export function ActivityStatusBadge({ status }: { status: string }) {
  const t = useT();
  const label = activityStatusLabels[status];
  return (
    <Badge tone={tone[status] ?? 'neutral'}>
      {status === 'LIVE' ? (
        <span aria-hidden className="mr-1.5 inline-block size-1.5 rounded-full bg-emerald-500" />
      ) : null}
      <span data-testid="activity-status">{label ? t(label) : status.charAt(0) + status.slice(1).toLowerCase()}</span>
    </Badge>
  );
}
