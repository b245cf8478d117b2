// What the H5 pages are rendered from (components/h5, by lib/h5/render-play-page.ts): the
// play page's props, also handed to the browser as JSON, and the rules page's.
import type { FairnessDto } from '../fairness/get-activity-fairness';
import type { Locale } from '../i18n/messages';
import type { PublicActivity } from './get-play-view';

/** A tier as the board shows it: its disclosed odds and its prizes. */
export type BoardTier = {
  id: string;
  name: string;
  probability: number;
  prizes: { prizeId: string; name: string; imageUrl: string | null; quantity: number }[];
};

/** The activity's texts in one language (translated where it has them, else untranslated). */
export type PlayTexts = { title: string; tiers: Record<string, string>; prizes: Record<string, string> };

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
  /** Each tier with its disclosed odds and prizes: what the board's slots show. */
  tiers: BoardTier[];
  canLose: boolean;
  /** The texts in each language the page can switch to, so switching needs no reload. */
  texts: Partial<Record<Locale, PlayTexts>>;
  /** Slot sizes follow the odds (materials.sliceSizes "odds") instead of being equal. */
  sizeByOdds: boolean;
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
