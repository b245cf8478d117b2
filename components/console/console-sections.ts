// The console's sections, in sidebar order. The segment is the route folder under /t/[tenant].
import { msg } from '@/lib/i18n/console/translator';

export const consoleSections = [
  { segment: 'activities', label: msg('Activities') },
  { segment: 'changes', label: msg('Changes') },
  { segment: 'prizes', label: msg('Prizes') },
  { segment: 'winners', label: msg('Winners') },
  { segment: 'players', label: msg('Players') },
  { segment: 'risk', label: msg('Risk') },
  { segment: 'audit', label: msg('Audit') },
  { segment: 'settings', label: msg('Settings') },
] as const;

export type ConsoleSection = (typeof consoleSections)[number]['segment'];

export function isConsoleSection(segment: string | null): segment is ConsoleSection {
  return consoleSections.some((s) => s.segment === segment);
}
