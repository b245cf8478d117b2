import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { Role } from '@/lib/auth/console-guard';

const roleTone: Record<Role, BadgeTone> = { OWNER: 'violet', OPERATOR: 'blue', ANALYST: 'neutral' };

export function roleLabel(role: Role): string {
  return role.charAt(0) + role.slice(1).toLowerCase();
}

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge tone={roleTone[role]}>
      <span data-testid="role-badge">{roleLabel(role)}</span>
    </Badge>
  );
}
