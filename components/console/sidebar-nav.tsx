'use client';

import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';
import type { ComponentType } from 'react';
import { ChangesIcon } from './changes/changes-icon';
import { consoleSections, type ConsoleSection } from './console-sections';
import { useT } from './i18n';
import {
  CalendarIcon,
  GiftIcon,
  ScrollIcon,
  ShieldIcon,
  SlidersIcon,
  TrophyIcon,
  UserIcon,
  type IconProps,
} from './icons';

const sectionIcons: Record<ConsoleSection, ComponentType<IconProps>> = {
  activities: CalendarIcon,
  changes: ChangesIcon,
  prizes: GiftIcon,
  winners: TrophyIcon,
  players: UserIcon,
  risk: ShieldIcon,
  audit: ScrollIcon,
  settings: SlidersIcon,
};

/** `counts`: what waits in a section (the changes pending approval), shown beside its name. */
export function SidebarNav({
  tenantSlug,
  counts = {},
}: {
  tenantSlug: string;
  counts?: Partial<Record<ConsoleSection, number>>;
}) {
  const active = useSelectedLayoutSegment();
  const t = useT();
  return (
    <ul className="flex flex-col gap-0.5" role="list">
      {consoleSections.map(({ segment, label }) => {
        const Icon = sectionIcons[segment];
        const current = active === segment;
        return (
          <li key={segment}>
            <Link
              href={`/t/${tenantSlug}/${segment}`}
              aria-current={current ? 'page' : undefined}
              className={`group flex h-9 items-center gap-3 rounded-md px-3 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-500 ${
                current
                  ? 'bg-zinc-900/[0.06] text-zinc-950'
                  : 'text-zinc-600 hover:bg-zinc-900/[0.04] hover:text-zinc-900'
              }`}
            >
              <Icon
                className={`size-4 shrink-0 ${current ? 'text-indigo-600' : 'text-zinc-500 group-hover:text-zinc-700'}`}
              />
              {t(label)}
              {counts[segment] ? (
                <span className="ml-auto rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-900 tabular-nums">
                  {counts[segment]}
                  <span className="sr-only"> {t('pending')}</span>
                </span>
              ) : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
