'use client';

// The zone the console shows times in: the tenant's (Settings), given once by the console's
// layout; a page about one activity passes the activity's own zone to what it renders. Times are
// formatted in a named zone and labelled with it, so server and browser render the same text.
import { createContext, useContext, type ReactNode } from 'react';

const ZoneContext = createContext('UTC');

export function TimeZoneProvider({ zone, children }: { zone: string; children: ReactNode }) {
  return <ZoneContext value={zone}>{children}</ZoneContext>;
}

export const useTimeZone = () => useContext(ZoneContext);
