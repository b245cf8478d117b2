'use client';

// The live phone preview: the real play page, rendered by the same function and stylesheet as
// the players' page, from the activity's draft (GET /play/{id}/preview with a short-lived preview
// token), in a 390×844 frame drawn at three quarters of its size. It loads again after each save,
// so it shows what was saved, exactly as a phone of that size would.
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n';

export const PREVIEW_VIEWPORT = { width: 390, height: 844 } as const;
const SCALE = 0.75;

export function PlayPreview({
  src,
  version,
  links,
  caption,
}: {
  src: string;
  /** The saved version the frame shows: a new one reloads it. */
  version: number;
  links?: ReactNode;
  caption: string;
}) {
  const t = useT();
  const [loaded, setLoaded] = useState<number | null>(null);
  const { width, height } = PREVIEW_VIEWPORT;
  return (
    <figure className="mx-auto w-fit" aria-label={t('Preview of the play page')}>
      <div
        className="overflow-hidden rounded-[2rem] border-[6px] border-zinc-900 bg-white shadow-xl"
        style={{ width: width * SCALE + 12, height: height * SCALE + 12 }}
      >
        <iframe
          key={version}
          src={`${src}&v=${version}`}
          title={t('Play page preview')}

          data-testid="play-preview"
          data-loaded-version={loaded ?? ''}
          onLoad={() => setLoaded(version)}
          width={width}
          height={height}
          style={{ transform: `scale(${SCALE})`, transformOrigin: '0 0', border: 0 }}
        />
      </div>
      <figcaption className="mt-2 text-center text-xs text-zinc-500">{caption}</figcaption>
      {links}
    </figure>
  );
}
