import type { BadgeTone } from '@/components/ui/badge';
import type { AlertSeverity } from '@/lib/alerts/list-alerts';
import { msg } from '@/lib/i18n/console/translator';

export const severityTone: Record<AlertSeverity, BadgeTone> = { CRITICAL: 'red', WARNING: 'amber', INFO: 'blue' };
/** Shown with `t(...)`. */
export const severityLabel: Record<AlertSeverity, string> = {
  CRITICAL: msg('Critical'),
  WARNING: msg('Warning'),
  INFO: msg('Info'),
};
/** The coloured edge of an alert in the panel. */
export const severityEdge: Record<AlertSeverity, string> = {
  CRITICAL: 'bg-red-500',
  WARNING: 'bg-amber-500',
  INFO: 'bg-sky-500',
};

/**
 * What each kind of alert is about, as the bell and the dashboard name it (shown with `t(...)`);
 * unknown kinds show as they are.
 */
const kindLabels: Record<string, string> = {
  tier_ahead_of_pacing: msg('Ahead of pacing'),
  stock_low: msg('Stock low'),
  odds_drift: msg('Odds drift'),
  'stock.over-issue': msg('Over-issue'),
  'stock.hot-state': msg('Stock drift'),
  'stock.ledger': msg('Stock drift'),
  'stock.issued-rows': msg('Stock drift'),
  'draw-log.quarantine': msg('Draws quarantined'),
};
export function alertKindLabel(kind: string): string {
  return kindLabels[kind] ?? kind;
}
