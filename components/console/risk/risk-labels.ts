// Plain words for risk rules, actions and list kinds, shared by server and client components.
export const ruleKindLabels: Record<string, string> = {
  rate_limit_user: 'Rate limit per user',
  rate_limit_device: 'Rate limit per device',
  rate_limit_ip: 'Rate limit per IP',
  accounts_per_device: 'Accounts per device',
  min_account_age: 'Minimum account age',
  blacklist: 'Blacklist',
  anomaly: 'Win-rate anomaly',
};

export const actionLabels: Record<string, string> = {
  block: 'Block',
  rate_limited: 'Rate limited (429)',
  force_lose: 'Force a loss',
  hold: 'Hold for review',
};

export const listKindLabels = { user: 'Users', device: 'Devices', ip: 'IPs' } as const;

const count = new Intl.NumberFormat('en-US');

/** "10 draws / 60 s", "3 days": the longest whole unit that divides the seconds. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of [
    ['day', 86_400],
    ['hour', 3_600],
    ['min', 60],
  ] as const) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return unit === 'min' ? `${count.format(n)} min` : `${count.format(n)} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${count.format(seconds)} s`;
}

/** "Rate limit per device: 10 draws / 60 s" and the like. */
export function describeRule(kind: string, params: Record<string, number>): string {
  const label = ruleKindLabels[kind] ?? kind;
  switch (kind) {
    case 'rate_limit_user':
    case 'rate_limit_device':
    case 'rate_limit_ip':
      return `${label}: ${count.format(params.limit ?? 0)} draw${params.limit === 1 ? '' : 's'} / ${params.windowSeconds !== undefined && params.windowSeconds % 60 === 0 && params.windowSeconds > 60 ? formatDuration(params.windowSeconds) : `${count.format(params.windowSeconds ?? 0)} s`}`;
    case 'accounts_per_device':
      return `${label}: at most ${count.format(params.max ?? 0)}`;
    case 'min_account_age':
      return `${label}: ${formatDuration(params.minAgeSeconds ?? 0)}`;
    case 'blacklist':
      return `${label}: listed users, devices and IPs`;
    default:
      return label;
  }
}
