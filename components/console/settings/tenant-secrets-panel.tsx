'use client';

// The tenant's two shared secrets: the user-token secret (host app signs end-user JWTs with it)
// and the webhook secret (signed events, both ways). Only fingerprints are shown; rotating
// shows the new secret once. Old tokens stop verifying at once, so rotating is a planned step.
import { useState } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { TenantSecretKind } from '@/lib/auth/rotate-tenant-secret';
import { msg } from '@/lib/i18n/console/translator';
import { useT } from '../i18n';
import { ConfirmButton } from './confirm-button';
import { OneTimeReveal } from './one-time-reveal';

// `name` is a heading; `lower` the same name inside a sentence.
const about: Record<TenantSecretKind, { name: string; lower: string; use: string; effect: string }> = {
  userToken: {
    name: msg('User-token secret'),
    lower: msg('user-token secret'),
    use: msg('The host app signs end-user tokens (HS256 JWTs) with it.'),
    effect: msg(
      'Every token signed with the current secret stops working within seconds: users are signed out of the H5 pages until the host app signs new tokens with the new secret.',
    ),
  },
  webhook: {
    name: msg('Webhook secret'),
    lower: msg('webhook secret'),
    use: msg(
      'Signs the host app\u2019s behaviour events to us. Our webhooks to it are signed with each endpoint\u2019s own secret (Webhooks, below).',
    ),
    effect: msg('Events signed with the current secret are refused within seconds.'),
  },
};

export function TenantSecretsPanel({
  fingerprints,
  rotate,
}: {
  fingerprints: Record<TenantSecretKind, string>;
  rotate: ((kind: TenantSecretKind) => Promise<ActionResult<{ secret: string; fingerprint: string }>>) | null;
}) {
  const [revealed, setRevealed] = useState<{ kind: TenantSecretKind; secret: string } | null>(null);
  const t = useT();
  return (
    <div className="space-y-4">
      <ul
        className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white shadow-sm shadow-zinc-900/[0.03]"
        role="list"
      >
        {(['userToken', 'webhook'] as const).map((kind) => (
          <li key={kind} className="flex items-center justify-between gap-6 px-4 py-3.5" data-testid={`secret-${kind}`}>
            <div className="min-w-0">
              <p className="text-sm font-medium text-zinc-900">{t(about[kind].name)}</p>
              <p className="mt-0.5 text-sm text-zinc-600">{t(about[kind].use)}</p>
              <p className="mt-1 text-xs text-zinc-500">
                {t('Fingerprint')}{' '}
                <code className="font-mono text-zinc-700" data-testid={`secret-${kind}-fingerprint`}>
                  {fingerprints[kind]}
                </code>
              </p>
            </div>
            {rotate ? (
              <ConfirmButton
                label={t('Rotate')}
                variant="secondary"
                ariaLabel={t('Rotate {secret}', { secret: t(about[kind].lower) })}
                title={t('Rotate the {secret}?', { secret: t(about[kind].lower) })}
                body={t('{effect} The new secret is shown once.', { effect: t(about[kind].effect) })}
                confirmLabel={t('Rotate secret')}
                pendingLabel={t('Rotating…')}
                action={() => rotate(kind)}
                success={(d) => [
                  t('Secret rotated'),
                  t('New fingerprint {fingerprint}. Copy the secret now.', { fingerprint: d.fingerprint }),
                ]}
                failure={t('Could not rotate the secret')}
                onSuccess={(d) => setRevealed({ kind, secret: d.secret })}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {revealed ? (
        <OneTimeReveal
          title={t('New {secret}', { secret: t(about[revealed.kind].lower) })}
          value={revealed.secret}
          label={t('New {secret}', { secret: t(about[revealed.kind].name) })}
          testId="new-secret"
          onDone={() => setRevealed(null)}
        >
          {t(
            "This is the only time it is shown. Put it in the host app's configuration now; if it is lost, rotate again.",
          )}
        </OneTimeReveal>
      ) : null}
    </div>
  );
}
