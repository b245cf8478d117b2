'use client';

// The dashboard's Recharts panels. Each chart sits in a <figure> whose caption names it and
// whose numbers are also given in text (the KPI cards and tables), so the SVG is decoration for
// assistive technology and hidden from it.
import type { ReactNode } from 'react';
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { BurnDownPoint, DashboardMinute, DashboardTier } from '@/lib/stats/get-dashboard-data';
import { formatClock, formatCompact, formatCount, formatDayClock, formatPercent } from './format';
import { useTimeZone } from '../time-zone';
import { useT } from '../i18n';
import type { ConsoleLocale } from '@/lib/i18n/console/locale';

const colors = {
  draws: '#6366f1',
  wins: '#10b981',
  users: '#0ea5e9',
  newUsers: '#a5b4fc',
  granted: '#8b5cf6',
  used: '#f59e0b',
  risk: '#ef4444',
  pacing: '#a1a1aa',
  remaining: '#6366f1',
};
const axis = { fontSize: 11, fill: '#52525b' };
const initialDimension = { width: 520, height: 200 };
// What the per-minute charts share: the same margin, grid, minute axis, count axis, tooltip and
// legend (props, not wrapper components: Recharts reads its axes from its direct children).
const margin = { top: 4, right: 8, bottom: 0, left: -8 };
const grid = { stroke: '#f4f4f5', vertical: false };
const minuteAxis = (zone: string, locale: ConsoleLocale) => ({
  dataKey: 'minute',
  tickFormatter: (iso: string) => formatClock(iso, zone, locale),
  tick: axis,
  interval: 14,
  tickLine: false,
  axisLine: { stroke: '#e4e4e7' },
});
const countAxis = (locale: ConsoleLocale) => ({
  allowDecimals: false,
  tick: axis,
  tickFormatter: (n: number) => formatCompact(n, locale),
  tickLine: false,
  axisLine: false,
  width: 44,
});
const minuteTooltip = (zone: string, locale: ConsoleLocale) => ({
  labelFormatter: (l: unknown) => formatClock(String(l), zone, locale),
  formatter: (v: unknown) => formatCount(Number(v), locale),
  isAnimationActive: false,
});
const minuteLine = { strokeWidth: 2, dot: false, isAnimationActive: false };
// Recharts colours legend text like its series; pale series would make unreadable labels.
const legendText = (value: string) => <span style={{ color: '#3f3f46' }}>{value}</span>;
const legend = { wrapperStyle: { fontSize: 12 }, iconSize: 10, formatter: legendText };

export function ChartCard({
  title,
  description,
  children,
  testId,
}: {
  title: string;
  description: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <figure
      className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm shadow-zinc-900/[0.03]"
      data-testid={testId}
    >
      <figcaption>
        <h3 className="text-sm font-semibold text-zinc-950">{title}</h3>
        <p className="mt-0.5 text-xs text-zinc-600">{description}</p>
      </figcaption>
      <div className="mt-3" aria-hidden>
        {children}
      </div>
    </figure>
  );
}

export function DrawsPerMinuteChart({ minutes }: { minutes: DashboardMinute[] }) {
  const zone = useTimeZone();
  const t = useT();
  return (
    <ResponsiveContainer width="100%" height={200} initialDimension={initialDimension}>
      <ComposedChart data={minutes} margin={margin} accessibilityLayer={false}>
        <CartesianGrid {...grid} />
        <XAxis {...minuteAxis(zone, t.locale)} />
        <YAxis {...countAxis(t.locale)} />
        <Tooltip {...minuteTooltip(zone, t.locale)} />
        <Legend {...legend} />
        <Bar dataKey="draws" name={t('Draws')} fill={colors.draws} radius={[2, 2, 0, 0]} isAnimationActive={false} />
        <Line dataKey="wins" name={t('Wins')} stroke={colors.wins} {...minuteLine} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function UsersPerMinuteChart({ minutes }: { minutes: DashboardMinute[] }) {
  const zone = useTimeZone();
  const t = useT();
  return (
    <ResponsiveContainer width="100%" height={200} initialDimension={initialDimension}>
      <ComposedChart data={minutes} margin={margin} accessibilityLayer={false}>
        <CartesianGrid {...grid} />
        <XAxis {...minuteAxis(zone, t.locale)} />
        <YAxis {...countAxis(t.locale)} />
        <Tooltip
          {...minuteTooltip(zone, t.locale)}
          formatter={(v) => (v === null ? '—' : formatCount(Number(v), t.locale))}
        />
        <Legend {...legend} />
        <Bar
          dataKey="newUsers"
          name={t('New users')}
          fill={colors.newUsers}
          radius={[2, 2, 0, 0]}
          isAnimationActive={false}
        />
        <Line dataKey="activeUsers" name={t('Active users (≈)')} stroke={colors.users} {...minuteLine} connectNulls />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function OddsChart({ tiers }: { tiers: DashboardTier[] }) {
  const t = useT();
  const data = tiers.map((t) => ({ name: t.name, configured: t.probability, actual: t.actualShare ?? 0 }));
  return (
    <ResponsiveContainer width="100%" height={200} initialDimension={initialDimension}>
      <BarChart data={data} margin={margin} accessibilityLayer={false} barGap={2}>
        <CartesianGrid {...grid} />
        <XAxis dataKey="name" tick={axis} tickLine={false} axisLine={{ stroke: '#e4e4e7' }} interval={0} />
        <YAxis
          tick={axis}
          tickFormatter={(v: number) => formatPercent(v, 1, t.locale)}
          tickLine={false}
          axisLine={false}
          width={52}
        />
        <Tooltip formatter={(v) => formatPercent(Number(v), 4, t.locale)} isAnimationActive={false} />
        <Legend {...legend} />
        <Bar
          dataKey="configured"
          name={t('Configured odds')}
          fill="#a5b4fc"
          radius={[2, 2, 0, 0]}
          isAnimationActive={false}
        />
        <Bar
          dataKey="actual"
          name={t('Actual share of draws')}
          fill={colors.draws}
          radius={[2, 2, 0, 0]}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function ChancesChart({ minutes }: { minutes: DashboardMinute[] }) {
  const zone = useTimeZone();
  const t = useT();
  return (
    <ResponsiveContainer width="100%" height={200} initialDimension={initialDimension}>
      <BarChart data={minutes} margin={margin} accessibilityLayer={false} barGap={0}>
        <CartesianGrid {...grid} />
        <XAxis {...minuteAxis(zone, t.locale)} />
        <YAxis {...countAxis(t.locale)} />
        <Tooltip {...minuteTooltip(zone, t.locale)} />
        <Legend {...legend} />
        <Bar dataKey="chancesGranted" name={t('Granted')} fill={colors.granted} isAnimationActive={false} />
        <Bar dataKey="chancesUsed" name={t('Used')} fill={colors.used} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function RiskChart({ minutes }: { minutes: DashboardMinute[] }) {
  const zone = useTimeZone();
  const t = useT();
  return (
    <ResponsiveContainer width="100%" height={200} initialDimension={initialDimension}>
      <BarChart data={minutes} margin={margin} accessibilityLayer={false}>
        <CartesianGrid {...grid} />
        <XAxis {...minuteAxis(zone, t.locale)} />
        <YAxis {...countAxis(t.locale)} />
        <Tooltip {...minuteTooltip(zone, t.locale)} />
        <Bar
          dataKey="riskEvents"
          name={t('Risk events')}
          fill={colors.risk}
          radius={[2, 2, 0, 0]}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}

export function BurnDownChart({ points }: { points: BurnDownPoint[] }) {
  const zone = useTimeZone();
  const t = useT();
  return (
    <ResponsiveContainer width="100%" height={140} initialDimension={{ width: 320, height: 140 }}>
      <ComposedChart data={points} margin={{ top: 4, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid {...grid} />
        <XAxis
          dataKey="at"
          tickFormatter={(iso: string) => formatDayClock(iso, zone, t.locale)}
          tick={axis}
          minTickGap={40}
          tickLine={false}
          axisLine={{ stroke: '#e4e4e7' }}
        />
        <YAxis
          allowDecimals={false}
          tick={axis}
          tickFormatter={(n: number) => formatCompact(n, t.locale)}
          tickLine={false}
          axisLine={false}
          width={48}
        />
        <Tooltip
          labelFormatter={(l) => formatDayClock(String(l), zone, t.locale)}
          formatter={(v) => (v === null ? '—' : formatCount(Math.round(Number(v)), t.locale))}
          isAnimationActive={false}
        />
        <Area
          dataKey="remaining"
          name={t('Remaining')}
          stroke={colors.remaining}
          fill="#e0e7ff"
          strokeWidth={2}
          type="stepAfter"
          isAnimationActive={false}
          connectNulls={false}
        />
        <Line
          dataKey="pacing"
          name={t('Pacing line')}
          stroke={colors.pacing}
          strokeDasharray="4 3"
          strokeWidth={1.5}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
