'use client';

// Header tenant switcher: a menu button listing the operator's tenants. Choosing one opens the
// same console section in that tenant. With a single tenant it is a plain label.
import Link from 'next/link';
import { useSelectedLayoutSegment } from 'next/navigation';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Role } from '@/lib/auth/console-guard';
import { isConsoleSection } from './console-sections';
import { useT } from './i18n';
import { CheckIcon, ChevronsUpDownIcon } from './icons';
import { roleLabels } from './role-labels';

export type SwitcherTenant = { slug: string; name: string; role: string };

export function TenantSwitcher({
  tenants,
  current,
}: {
  tenants: SwitcherTenant[];
  current: { slug: string; name: string };
}) {
  const segment = useSelectedLayoutSegment();
  const t = useT();
  const section = isConsoleSection(segment) ? segment : 'activities';
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? []);
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const all = items();
    (all.find((el) => el.getAttribute('aria-checked') === 'true') ?? all[0])?.focus();
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, close]);

  if (tenants.length <= 1) {
    return (
      <div className="flex min-w-0 items-center gap-2.5" data-testid="tenant-name">
        <TenantAvatar name={current.name} />
        <span className="truncate text-sm font-semibold text-zinc-900">{current.name}</span>
      </div>
    );
  }

  const onMenuKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusAt(index + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusAt(index - 1);
    } else if (e.key === 'Home') {
      e.preventDefault();
      focusAt(0);
    } else if (e.key === 'End') {
      e.preventDefault();
      focusAt(all.length - 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };

  return (
    <div className="relative min-w-0">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t('Switch tenant (current: {name})', { name: current.name })}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        data-testid="tenant-switcher"
        className="-ml-2 flex h-9 max-w-72 min-w-0 items-center gap-2.5 rounded-md px-2 text-left hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-500 aria-expanded:bg-zinc-100"
      >
        <TenantAvatar name={current.name} />
        <span className="truncate text-sm font-semibold text-zinc-900" data-testid="tenant-name">
          {current.name}
        </span>
        <ChevronsUpDownIcon className="size-4 shrink-0 text-zinc-500" />
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={t('Tenants')}
          onKeyDown={onMenuKeyDown}
          className="absolute top-full left-0 z-40 mt-1.5 w-72 animate-toast-in rounded-lg border border-zinc-200 bg-white p-1 shadow-xl shadow-zinc-900/10"
        >
          <p className="px-2.5 pt-1.5 pb-1 text-xs font-medium text-zinc-500">{t('Switch tenant')}</p>
          {tenants.map((tenant) => {
            const isCurrent = tenant.slug === current.slug;
            return (
              <Link
                key={tenant.slug}
                href={`/t/${tenant.slug}/${section}`}
                role="menuitemradio"
                aria-checked={isCurrent}
                tabIndex={-1}
                onClick={() => close(false)}
                className="flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm text-zinc-800 outline-none hover:bg-zinc-100 focus:bg-zinc-100"
              >
                <TenantAvatar name={tenant.name} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium">{tenant.name}</span>
                  <span className="block truncate text-xs text-zinc-500">
                    {tenant.slug} · {t(roleLabels[tenant.role as Role] ?? tenant.role)}
                  </span>
                </span>
                {isCurrent ? <CheckIcon className="size-4 shrink-0 text-indigo-600" /> : null}
              </Link>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}

function TenantAvatar({ name }: { name: string }) {
  return (
    <span
      aria-hidden
      className="flex size-6 shrink-0 items-center justify-center rounded-md bg-zinc-900 text-[11px] font-semibold text-white uppercase"
    >
      {name.trim().charAt(0) || '?'}
    </span>
  );
}
