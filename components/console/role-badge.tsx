'use client';

import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { Role } from '@/lib/auth/console-guard';
import { useT } from './i18n';
import { roleLabels } from './role-labels';

const roleTone: Record<Role, BadgeTone> = { OWNER: 'violet', OPERATOR: 'blue', ANALYST: 'neutral' };

export function RoleBadge({ role }: { role: Role }) {
  const t = useT();
  return (
    <Badge tone={roleTone[role]}>
      <span data-testid="role-badge">{t(roleLabels[role])}</span>
    </Badge>
  );
}
