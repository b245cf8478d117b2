// /play/{activityId} – the end user's page: themed shell rendered here, the game a client leaf.
// proxy.ts rewrites /play/{id} to /play/{id}/{locale} (cookie, then Accept-Language), so this
// page depends on nothing but its path and is rendered once per activity and language, then
// served from the cache for a few seconds: the shell is the same for every user, and everything
// about the user (chances, the live status, results) comes from the API afterwards.
import type { Metadata, Viewport } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { PlayApp, type PlayActivity } from '@/components/h5/play-app';
import { config } from '@/lib/config';
import { getPlayView, type PublicActivity } from '@/lib/h5/get-play-view';
import { LOCALES, type Locale } from '@/lib/i18n/messages';

type Props = { params: Promise<{ activityId: string; locale: string }> };

/** Seconds a rendered shell is served before it is rendered again (names, theme, tiers). */
export const revalidate = 5;
/** None at build time; each activity's page is rendered on its first request. */
export function generateStaticParams() {
  return [];
}

// One load per request for the metadata and the page.
const loadView = cache(getPlayView);

export const viewport: Viewport = { width: 'device-width', initialScale: 1, viewportFit: 'cover' };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await loadView((await params).activityId);
  return { title: { absolute: view ? titleOf(view) : 'Not found' } };
}

export default async function PlayPage({ params }: Props) {
  const { activityId, locale } = await params;
  if (!LOCALES.includes(locale as Locale)) notFound();
  const view = await loadView(activityId);
  if (!view) notFound();
  const m = materialsOf(view);
  const activity: PlayActivity = {
    id: view.id,
    name: view.name,
    gameplay: view.gameplay,
    status: view.status,
    startsAt: view.startsAt,
    endsAt: view.endsAt,
    title: titleOf(view),
    themeColor: m.themeColor ?? '#e11d48',
    limits: { freeDrawsPerDay: view.limits.freeDrawsPerDay, maxDrawsPerDay: view.limits.maxDrawsPerDay, maxDrawsTotal: view.limits.maxDrawsTotal },
    tiers: view.tiers.map((t) => ({ id: t.id, name: t.name })),
    canLose: view.noWinProbability > 0,
  };
  return (
    <div className="min-h-dvh" style={{ background: `linear-gradient(180deg, ${activity.themeColor}33 0%, #fff7ed 45%, #fafafa 100%)` }}>
      {m.bannerUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- an operator's banner from any host; fixed box, no layout shift
        <img src={m.bannerUrl} alt="" width={390} height={120} className="mx-auto block h-[120px] w-full max-w-md object-cover" />
      ) : null}
      <PlayApp activity={activity} initialLocale={locale as Locale} demoPicker={config().DEMO_USER_PICKER} />
    </div>
  );
}

function materialsOf(view: PublicActivity): { title?: string; themeColor?: string; bannerUrl?: string; rulesText?: string } {
  return view.materials && typeof view.materials === 'object' && !Array.isArray(view.materials) ? (view.materials as Record<string, string>) : {};
}

function titleOf(view: PublicActivity) {
  return materialsOf(view).title || view.name;
}
