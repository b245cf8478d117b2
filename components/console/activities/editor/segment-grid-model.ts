// A tier's time segments as a grid of the odds in force: one row for every day and one per
// date of the period (local dates), 24 hour columns. A cell holds the odds it sets, or null
// when it falls through (a date's cell to the every-day row, that row's cell to the tier's own
// odds). The grid and the segments convert both ways; which segment wins where is the draw's
// own rule (lib/draw/segments.ts: the first that matches).
import { segmentMatches, type Segment } from '@/lib/draw/segments';

export type SegmentValue = {
  fromHour: number;
  toHour: number;
  fromDate?: string;
  toDate?: string;
  probability: number;
};
export type Cells = (number | null)[];
export type SegmentGridState = { everyDay: Cells; days: Record<string, Cells> };
/** A rectangle of the grid: rows by key ('' is every day), hours inclusive. */
export type Selection = { rows: string[]; fromHour: number; toHour: number };

export const EVERY_DAY = '';
export const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** Dated rows are offered for periods up to a quarter; longer ones set every-day windows only. */
export const MAX_DATE_ROWS = 93;

const asSegment = (s: SegmentValue): Segment => ({ ...s, probabilityMicros: 0 });
const empty = (): Cells => HOURS.map(() => null);

/** The local dates a period covers ("YYYY-MM-DDTHH:mm" wall-clock bounds; an end at midnight excludes that day). */
export function periodDays(startsLocal: string, endsLocal: string): string[] {
  const first = startsLocal.slice(0, 10);
  const endDay = endsLocal.slice(0, 10);
  const last = endsLocal.slice(11, 16) === '00:00' ? addDays(endDay, -1) : endDay;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(first) || !/^\d{4}-\d{2}-\d{2}$/.test(last)) return [];
  const days: string[] = [];
  for (let d = first; d <= last && days.length < MAX_DATE_ROWS + 1; d = addDays(d, 1)) days.push(d);
  return days.length > MAX_DATE_ROWS ? [] : days;
}

export function toGrid(segments: SegmentValue[], days: string[]): SegmentGridState {
  const undated = segments.filter((s) => !s.fromDate && !s.toDate);
  const everyDay = HOURS.map((h) => undated.find((s) => segmentMatches(asSegment(s), h, ''))?.probability ?? null);
  const rows: Record<string, Cells> = {};
  for (const day of days) {
    rows[day] = HOURS.map((h) => {
      const first = segments.find((s) => segmentMatches(asSegment(s), h, day));
      return first && (first.fromDate || first.toDate) ? first.probability : null;
    });
  }
  return { everyDay, days: rows };
}

/** Segments that give the grid's odds: dated ones first (they win over every-day ones), few and merged. */
export function toSegments(grid: SegmentGridState, days: string[]): SegmentValue[] {
  const dated: SegmentValue[] = [];
  let group: { from: string; to: string; cells: Cells } | null = null;
  const flush = () => {
    if (group) for (const r of runs(group.cells)) dated.push({ ...r, fromDate: group.from, toDate: group.to });
    group = null;
  };
  for (const day of days) {
    const cells = grid.days[day] ?? empty();
    if (cells.every((c) => c === null)) {
      flush();
      continue;
    }
    if (group && addDays(group.to, 1) === day && sameCells(group.cells, cells)) group.to = day;
    else {
      flush();
      group = { from: day, to: day, cells };
    }
  }
  flush();
  return [...dated, ...runs(grid.everyDay)];
}

/** The grid with the selected cells set to `probability` (null: back to what they fall through to). */
export function setCells(grid: SegmentGridState, sel: Selection, probability: number | null): SegmentGridState {
  const paint = (cells: Cells) => cells.map((c, h) => (h >= sel.fromHour && h <= sel.toHour ? probability : c));
  const days = { ...grid.days };
  for (const row of sel.rows) if (row !== EVERY_DAY) days[row] = paint(days[row] ?? empty());
  return { everyDay: sel.rows.includes(EVERY_DAY) ? paint(grid.everyDay) : grid.everyDay, days };
}

/** The odds in force in a cell: the row's own, else every day's, else the tier's. */
export function oddsInForce(grid: SegmentGridState, row: string, hour: number, tierProbability: number): number {
  return (row === EVERY_DAY ? null : grid.days[row]?.[hour]) ?? grid.everyDay[hour] ?? tierProbability;
}

/** Runs of equal odds over the day as hour ranges; one that reaches midnight joins one from 0:00 (22 → 2). */
function runs(cells: Cells): Omit<SegmentValue, 'fromDate' | 'toDate'>[] {
  const out: Omit<SegmentValue, 'fromDate' | 'toDate'>[] = [];
  for (let h = 0; h < 24;) {
    const p = cells[h];
    let end = h + 1;
    while (end < 24 && cells[end] === p) end++;
    if (p !== null && p !== undefined) out.push({ fromHour: h, toHour: end, probability: p });
    h = end;
  }
  const head = out[0];
  const tail = out[out.length - 1];
  if (out.length > 1 && head!.fromHour === 0 && tail!.toHour === 24 && head!.probability === tail!.probability) {
    out.pop();
    out[0] = { fromHour: tail!.fromHour, toHour: head!.toHour, probability: head!.probability };
  }
  return out;
}

const sameCells = (a: Cells, b: Cells) => a.every((c, i) => c === b[i]);

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
