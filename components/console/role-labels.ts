// A role's English name, shown through `t(...)` (lib/i18n/console).
import type { Role } from '@/lib/auth/console-guard';
import { msg } from '@/lib/i18n/console/translator';

export const roleLabels: Record<Role, string> = {
  OWNER: msg('Owner'),
  OPERATOR: msg('Operator'),
  ANALYST: msg('Analyst'),
};

export const roleLabel = (role: Role): string => roleLabels[role];
