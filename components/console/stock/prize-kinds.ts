// A prize kind's name as the console shows it, through `t(...)` (lib/i18n/console).
import { msg } from '@/lib/i18n/console/translator';

const prizeKindLabels: Record<string, string> = {
  physical: msg('physical'),
  virtual: msg('virtual'),
  coupon: msg('coupon'),
  points: msg('points'),
};

export const prizeKindLabel = (kind: string): string => prizeKindLabels[kind] ?? kind;
