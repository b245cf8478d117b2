import type { BadgeTone } from '@/components/ui/badge';
import type { AlertSeverity } from '@/lib/alerts/list-alerts';

export const severityTone: Record<AlertSeverity, BadgeTone> = { CRITICAL: 'red', WARNING: 'amber', INFO: 'blue' };
export const severityLabel: Record<AlertSeverity, string> = { CRITICAL: 'Critical', WARNING: 'Warning', INFO: 'Info' };
/** The coloured edge of an alert in the panel. */
export const severityEdge: Record<AlertSeverity, string> = {
  CRITICAL: 'bg-red-500',
  WARNING: 'bg-amber-500',
  INFO: 'bg-sky-500',
};
