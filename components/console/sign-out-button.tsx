'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useT } from './i18n';
import { LogOutIcon } from './icons';

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const toast = useToast();
  const t = useT();

  async function onClick() {
    setPending(true);
    try {
      await signOut({ redirect: false });
      // A full load, not a router push: it drops every console page and client state of the old session.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign('/signin');
    } catch {
      setPending(false);
      toast.error(t('Could not sign out'), t('Check your connection and try again.'));
    }
  }

  return (
    <button
      type="button"
      onClick={onClick}
      disabled={pending}
      aria-busy={pending}
      className={buttonClasses('secondary', 'sm')}
    >
      {pending ? <Spinner className="size-3.5" /> : <LogOutIcon className="size-3.5" />}
      {pending ? t('Signing out…') : t('Sign out')}
    </button>
  );
}
