import Link from 'next/link';
import type { ReactNode } from 'react';
import { listChanges } from '@/lib/activities/list-changes';
import { listAlerts } from '@/lib/alerts/list-alerts';
import { listOperatorTenants, roleAtLeast } from '@/lib/auth/console-guard';
import { getOperatorProfile } from '@/lib/auth/get-operator-profile';
import { getConsoleT } from '@/components/console/i18n-server';
import { LocaleSwitcher } from '@/components/console/locale-switcher';
import { AlertsBell } from '@/components/console/alerts/alerts-bell';
import { CriticalAlertBanner } from '@/components/console/alerts/critical-alert-banner';
import { LogoMark } from '@/components/console/icons';
import { RoleBadge } from '@/components/console/role-badge';
import { SidebarNav } from '@/components/console/sidebar-nav';
import { SignOutButton } from '@/components/console/sign-out-button';
import { TenantSwitcher } from '@/components/console/tenant-switcher';
import { TimeZoneProvider } from '@/components/console/time-zone';
import { requireConsolePage } from '../../_server/session';
import { setConsoleLocaleAction } from '../../locale-actions';
import { acknowledgeAlertAction } from './alerts-actions';

const ALERTS_SHOWN = 20;
const PENDING_COUNTED = 99;

export default async function ConsoleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenant: string }>;
}) {
  const { tenant } = await params;
  const ctx = await requireConsolePage(tenant);
  const [t, tenants, profile, alerts, pendingChanges] = await Promise.all([
    getConsoleT(),
    listOperatorTenants(ctx.operatorId),
    getOperatorProfile(ctx.operatorId),
    listAlerts(ctx.tenantId, { limit: ALERTS_SHOWN }),
    listChanges(ctx.tenantId, { status: 'PENDING', limit: PENDING_COUNTED }),
  ]);
  const displayName = profile?.name || profile?.email || t('Operator');
  const acknowledge = roleAtLeast(ctx.role, 'OPERATOR') ? acknowledgeAlertAction.bind(null, ctx.tenantSlug) : null;

  return (
    <TimeZoneProvider zone={ctx.tenantTimezone}>
      <div className="min-h-screen bg-white">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-zinc-900 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
        >
          {t('Skip to content')}
        </a>

        <aside className="fixed inset-y-0 left-0 z-20 flex w-60 flex-col border-r border-zinc-200 bg-zinc-50">
          <div className="flex h-14 shrink-0 items-center border-b border-zinc-200 px-4">
            <Link
              href={`/t/${ctx.tenantSlug}/activities`}
              className="flex items-center gap-2.5 rounded-md focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              <LogoMark className="size-7" />
              <span className="text-sm font-semibold tracking-tight text-zinc-950">
                {t('Lottery')} <span className="font-normal text-zinc-500">{t('Console')}</span>
              </span>
            </Link>
          </div>
          <nav aria-label={t('Console sections')} className="flex-1 overflow-y-auto px-3 py-4">
            <p className="px-3 pb-2 text-xs font-medium text-zinc-500">{t('Workspace')}</p>
            <SidebarNav tenantSlug={ctx.tenantSlug} counts={{ changes: pendingChanges.length }} />
          </nav>
          <div className="border-t border-zinc-200 px-4 py-3 text-xs leading-5 text-zinc-500">
            {t('Tenant')} <span className="font-mono text-zinc-700">{ctx.tenantSlug}</span>
            <br />
            {t('Times in')} <span className="text-zinc-700">{ctx.tenantTimezone}</span>
          </div>
        </aside>

        <div className="flex min-h-screen min-w-0 flex-col pl-60">
          <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center justify-between gap-6 border-b border-zinc-200 bg-white/85 px-8 backdrop-blur supports-[backdrop-filter]:bg-white/70">
            <TenantSwitcher
              tenants={tenants.map((t) => ({ slug: t.slug, name: t.name, role: t.role }))}
              current={{ slug: ctx.tenantSlug, name: ctx.tenantName }}
            />
            <div className="flex min-w-0 items-center gap-4">
              <AlertsBell alerts={alerts.items} openCount={alerts.openCount} acknowledgeAction={acknowledge} />
              <span aria-hidden className="h-6 w-px bg-zinc-200" />
              <div className="flex min-w-0 items-center gap-3" aria-label={t('Signed-in operator')} role="group">
                <span
                  aria-hidden
                  className="flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-xs font-semibold text-indigo-700 ring-1 ring-indigo-100"
                >
                  {initials(displayName)}
                </span>
                <div className="min-w-0 leading-tight">
                  <p className="truncate text-sm font-medium text-zinc-900" data-testid="operator-name">
                    {displayName}
                  </p>
                  {profile?.email ? (
                    <p className="truncate text-xs text-zinc-500" data-testid="operator-email">
                      {profile.email}
                    </p>
                  ) : null}
                </div>
                <RoleBadge role={ctx.role} />
              </div>
              <span aria-hidden className="h-6 w-px bg-zinc-200" />
              <Link
                href="/account/security"
                className="rounded-md text-sm font-medium text-zinc-600 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
                data-testid="account-security-link"
              >
                {t('Security')}
              </Link>
              <LocaleSwitcher setLocaleAction={setConsoleLocaleAction} />
              <SignOutButton />
            </div>
          </header>

          <main id="main" tabIndex={-1} className="flex-1 px-8 py-8 focus:outline-none">
            <div className="mx-auto w-full max-w-6xl">
              <CriticalAlertBanner alerts={alerts.items} acknowledgeAction={acknowledge} />
              {children}
            </div>
          </main>
        </div>
      </div>
    </TimeZoneProvider>
  );
}

function initials(name: string): string {
  const parts = name
    .replace(/@.*/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase() || '?';
}
