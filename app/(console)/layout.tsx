import type { ReactNode } from 'react';
import { ConsoleI18nProvider } from '@/components/console/i18n';
import { getConsoleLocale } from '@/components/console/i18n-server';
import { ToastProvider } from '@/components/ui/toast';

// The console's pages give feedback through toasts; the H5 play page does not, so the
// provider lives here rather than in the root layout and the play page never loads it.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <ConsoleI18nProvider locale={await getConsoleLocale()}>
      <ToastProvider>{children}</ToastProvider>
    </ConsoleI18nProvider>
  );
}
