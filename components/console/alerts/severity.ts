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

/** What each kind of alert is about, as the bell and the dashboard name it; unknown kinds show as they are. */
const kindLabels: Record<string, string> = {
  tier_ahead_of_pacing: 'Ahead of pacing',
  stock_low: 'Stock low',
  odds_drift: 'Odds drift',
  'stock.over-issue': 'Over-issue',
  'stock.hot-state': 'Stock drift',
  'stock.ledger': 'Stock drift',
  'stock.issued-rows': 'Stock drift',
  'draw-log.quarantine': 'Draws quarantined',
};
export function alertKindLabel(kind: string): string {
  return kindLabels[kind] ?? kind;
}
