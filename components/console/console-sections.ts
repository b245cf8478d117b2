// The console's sections, in sidebar order. The segment is the route folder under /t/[tenant].
export const consoleSections = [
  { segment: 'activities', label: 'Activities' },
  { segment: 'changes', label: 'Changes' },
  { segment: 'prizes', label: 'Prizes' },
  { segment: 'winners', label: 'Winners' },
  { segment: 'players', label: 'Players' },
  { segment: 'risk', label: 'Risk' },
  { segment: 'audit', label: 'Audit' },
  { segment: 'settings', label: 'Settings' },
] as const;

export type ConsoleSection = (typeof consoleSections)[number]['segment'];

export function isConsoleSection(segment: string | null): segment is ConsoleSection {
  return consoleSections.some((s) => s.segment === segment);
}
