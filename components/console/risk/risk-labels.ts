// Plain words for risk rules, actions and list kinds, shared by server and client components:
// the tables hold the English words (shown through `t(...)`), the functions take the translator.
import { msg, type Translator } from '@/lib/i18n/console/translator';

export const ruleKindLabels: Record<string, string> = {
  rate_limit_user: msg('Rate limit per user'),
  rate_limit_device: msg('Rate limit per device'),
  rate_limit_ip: msg('Rate limit per IP'),
  accounts_per_device: msg('Accounts per device'),
  min_account_age: msg('Minimum account age'),
  blacklist: msg('Blacklist'),
  anomaly: msg('Win-rate anomaly'),
};

export const actionLabels: Record<string, string> = {
  block: msg('Block'),
  rate_limited: msg('Rate limited (429)'),
  force_lose: msg('Force a loss'),
  hold: msg('Hold for review'),
};

export const listKindLabels = { user: msg('Users'), device: msg('Devices'), ip: msg('IPs') } as const;

/** A rule kind's or an action's name in the console's language (an unknown one as it is). */
export const ruleKindLabel = (t: Translator, kind: string) => (ruleKindLabels[kind] ? t(ruleKindLabels[kind]) : kind);
export const actionLabel = (t: Translator, action: string) => (actionLabels[action] ? t(actionLabels[action]) : action);

/** "10 draws / 60 s", "3 days": the longest whole unit that divides the seconds. */
export function formatDuration(seconds: number, t: Translator): string {
  if (seconds >= 86_400 && seconds % 86_400 === 0) return t.plural(seconds / 86_400, '{count} day', '{count} days');
  if (seconds >= 3_600 && seconds % 3_600 === 0) return t.plural(seconds / 3_600, '{count} hour', '{count} hours');
  if (seconds >= 60 && seconds % 60 === 0) return t('{count} min', { count: seconds / 60 });
  return t('{count} s', { count: seconds });
}

/** "Rate limit per device: 10 draws / 60 s" and the like. */
export function describeRule(kind: string, params: Record<string, number>, t: Translator): string {
  const label = ruleKindLabel(t, kind);
  switch (kind) {
    case 'rate_limit_user':
    case 'rate_limit_device':
    case 'rate_limit_ip': {
      const window = params.windowSeconds ?? 0;
      const per = window % 60 === 0 && window > 60 ? formatDuration(window, t) : t('{count} s', { count: window });
      return t.plural(params.limit ?? 0, '{label}: {count} draw / {per}', '{label}: {count} draws / {per}', {
        label,
        per,
      });
    }
    case 'accounts_per_device':
      return t('{label}: at most {count}', { label, count: params.max ?? 0 });
    case 'min_account_age':
      return t('{label}: {duration}', { label, duration: formatDuration(params.minAgeSeconds ?? 0, t) });
    case 'blacklist':
      return t('{label}: listed users, devices and IPs', { label });
    default:
      return label;
  }
}
