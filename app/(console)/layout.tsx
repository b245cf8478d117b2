import type { ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast';

// The console's pages give feedback through toasts; the H5 play page does not, so the
// provider lives here rather than in the root layout and the play page never loads it.
export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return <ToastProvider>{children}</ToastProvider>;
}
