// Who acted, as the trail recorded it at the time: an operator's role then (Owner, Operator,
// Analyst), an API key with its scopes then, the system, or an end user.
import type { AuditLogDto } from '@/lib/audit/list-audit-logs';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { Translator } from '@/lib/i18n/console/translator';
import { getConsoleT } from '../i18n-server';
import { roleLabel } from '../role-labels';

const tone: Record<AuditLogDto['actor']['type'], BadgeTone> = {
  OPERATOR: 'blue',
  API_KEY: 'violet',
  SYSTEM: 'neutral',
  USER: 'green',
};

const roleTone: Record<NonNullable<AuditLogDto['actor']['role']>, BadgeTone> = {
  OWNER: 'violet',
  OPERATOR: 'blue',
  ANALYST: 'neutral',
};

function scopesLabel(scopes: string[], t: Translator): string {
  if (scopes.includes('*')) return t('all scopes');
  if (scopes.length === 1 && scopes[0] === 'read') return t('read only');
  return scopes.join(', ');
}

export async function AuditActorBadge({ actor }: { actor: AuditLogDto['actor'] }) {
  const t = await getConsoleT();
  if (actor.type === 'OPERATOR')
    return actor.role ? (
      <Badge tone={roleTone[actor.role]}>
        <span data-testid="audit-actor-role">{t(roleLabel(actor.role))}</span>
      </Badge>
    ) : (
      <span title={t('The role was not recorded for changes this old')}>
        <Badge tone={tone.OPERATOR}>{t('Operator account')}</Badge>
      </span>
    );
  if (actor.type === 'API_KEY')
    return (
      <span className="flex flex-wrap items-center gap-1.5">
        <Badge tone={tone.API_KEY}>{t('API key')}</Badge>
        {actor.scopes ? (
          <span className="text-xs text-zinc-600" data-testid="audit-actor-scopes">
            {scopesLabel(actor.scopes, t)}
          </span>
        ) : null}
      </span>
    );
  return <Badge tone={tone[actor.type]}>{actor.type === 'SYSTEM' ? t('System') : t('User')}</Badge>;
}
