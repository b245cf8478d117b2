'use client';

// While `dirty`, leaving asks first: closing or reloading the tab (the browser's own prompt)
// and following a link inside the console (the app router has no navigation event to cancel,
// so a click on a same-site link is caught before Next's <Link> handles it).
import { useEffect } from 'react';
import { useT } from '../../i18n';

export function useLeaveGuard(dirty: boolean) {
  const t = useT();
  const question = t('Some changes are not saved yet. Leave this page anyway?');
  useEffect(() => {
    if (!dirty) return;
    const beforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    const click = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download')) return;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || (url.pathname === location.pathname && url.search === location.search))
        return;
      if (!window.confirm(question)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', click, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', click, true);
    };
  }, [dirty, question]);
}
