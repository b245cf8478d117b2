// What the H5 pages are rendered from (components/h5, by lib/h5/render-play-page.ts): the
// play page's props, also handed to the browser as JSON, and the rules page's.
import type { FairnessDto } from '../fairness/get-activity-fairness';
import type { Locale } from '../i18n/messages';
import type { PublicActivity } from './get-play-view';

/** The activity as the play page shows it: the same for every user, so the page can be cached. */
export type PlayActivity = {
  id: string;
  name: string;
  gameplay: string;
  status: string;
  startsAt: string;
  endsAt: string;
  title: string;
  themeColor: string;
  limits: { freeDrawsPerDay: number; maxDrawsPerDay: number | null; maxDrawsTotal: number | null };
  tiers: { id: string; name: string }[];
  canLose: boolean;
  /** The only origins whose postMessage may hand the page a user token, and that hear 'lottery:ready'. */
  hostAppOrigins: string[];
};

export type PlayAppProps = { activity: PlayActivity; initialLocale: Locale; demoPicker: boolean };

export type RulesViewProps = {
  view: NonNullable<PublicActivity>;
  locale: Locale;
  /** The committed seeds, revealed ones with their bytes (docs/fairness.md). */
  fairness?: FairnessDto | null;
};
