// The activity's play link and QR code, and a "preview on my phone" QR code carrying a
// short-lived preview token. The codes are drawn here on the server (uqr, no network).
import { renderSVG } from 'uqr';
import { getConsoleT } from '../i18n-server';

export async function PlayLinks({ playUrl, phonePreviewUrl }: { playUrl: string | null; phonePreviewUrl: string }) {
  const t = await getConsoleT();
  return (
    <div className="mt-4 space-y-3 rounded-lg border border-zinc-200 bg-white p-3 text-sm" data-testid="play-links">
      {playUrl ? (
        <Code
          label={t('Play link')}
          qrLabel={t('QR code: {label}', { label: t('Play link') })}
          url={playUrl}
          testId="play-link"
        />
      ) : null}
      <Code
        label={t('Preview on my phone')}
        qrLabel={t('QR code: {label}', { label: t('Preview on my phone') })}
        url={phonePreviewUrl}
        testId="phone-preview-link"
        note={t('Valid for 30 minutes.')}
      />
    </div>
  );
}

function Code({
  label,
  qrLabel,
  url,
  testId,
  note,
}: {
  label: string;
  qrLabel: string;
  url: string;
  testId: string;
  note?: string;
}) {
  return (
    <div className="flex items-start gap-3">
      <div
        className="size-24 shrink-0 [&>svg]:size-full"
        role="img"
        aria-label={qrLabel}

        data-testid={`${testId}-qr`}
        // The SVG is made here from our own URL: no outside markup.
        dangerouslySetInnerHTML={{ __html: renderSVG(url, { border: 1 }) }}
      />
      <div className="min-w-0">
        <p className="font-medium text-zinc-900">{label}</p>
        <a
          href={url}
          target="_blank"
          rel="noreferrer"
          className="break-all text-xs text-indigo-700 underline"
          data-testid={testId}
        >
          {url}
        </a>
        {note ? <p className="mt-1 text-xs text-zinc-500">{note}</p> : null}
      </div>
    </div>
  );
}
