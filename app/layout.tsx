import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getConsoleLocale } from '@/components/console/i18n-server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Lottery Console', template: '%s · Lottery Console' },
  description: 'Operator console of the lottery platform',
  robots: { index: false, follow: false },
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '16x16 32x32 48x48' },
      { url: '/favicon.svg', type: 'image/svg+xml' },
    ],
  },
};

// Only the console's pages render through this layout (the play pages are route handlers), so
// the document's language is the console's.
export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={await getConsoleLocale()}>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
