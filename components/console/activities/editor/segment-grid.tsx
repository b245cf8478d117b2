'use client';

// A tier's time segments on a grid: rows are every day and each date of the period, columns
// the hours of the activity's local day. A cell shows the odds in force there; select cells
// (click, shift-click or drag; arrow keys, shift to extend) and set their odds or send them back
// to the tier's. Hours where all tiers together pass 100 % are marked, the server's message beside.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { buttonClasses } from '@/components/ui/button-classes';
import type { ConsoleLocale } from '@/lib/i18n/console/locale';
import { useT } from '../../i18n';
import { inputClasses } from '../fields';
import { percentToProbability, probabilityToPercent } from '../form-model';
import {
  EVERY_DAY,
  HOURS,
  MAX_DATE_ROWS,
  oddsInForce,
  setCells,
  toSegments,
  type SegmentGridState,
  type SegmentValue,
} from './segment-grid-model';

type Cell = { r: number; h: number };

export function SegmentGrid({
  tierIndex,
  tierProbability,
  grid,
  days,
  overLimit,
  errors,
  oddsMessage,
  onChange,
}: {
  tierIndex: number;
  /** The tier's own odds (NaN while its field is not a number). */
  tierProbability: number;
  grid: SegmentGridState;
  days: string[];
  /** Cells ("row|hour") where the odds of all tiers add up to more than 100 %. */
  overLimit: Set<string>;
  errors: string[];
  oddsMessage?: string;
  onChange: (segments: SegmentValue[]) => void;
}) {
  const t = useT();
  const rows = [EVERY_DAY, ...days];
  const [anchor, setAnchor] = useState<Cell>({ r: 0, h: 20 });
  const [focus, setFocus] = useState<Cell>({ r: 0, h: 20 });
  const [oddsText, setOddsText] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const dragging = useRef(false);
  const table = useRef<HTMLTableElement>(null);
  const r0 = Math.min(anchor.r, focus.r, rows.length - 1);
  const r1 = Math.min(Math.max(anchor.r, focus.r), rows.length - 1);
  const h0 = Math.min(anchor.h, focus.h);
  const h1 = Math.max(anchor.h, focus.h);
  const selected = (r: number, h: number) => r >= r0 && r <= r1 && h >= h0 && h <= h1;
  const label = (r: number) => (rows[r] === EVERY_DAY ? t('Every day') : rows[r]!);
  const hours = `${hh(h0)}–${hh(h1 + 1)}`;
  const selection =
    r0 === r1
      ? t('{rows}, {hours}', { rows: label(r0), hours })
      : t('{from} to {to}, {hours}', { from: label(r0), to: label(r1), hours });

  useEffect(() => {
    const stop = () => {
      dragging.current = false;
    };
    window.addEventListener('pointerup', stop);
    return () => window.removeEventListener('pointerup', stop);
  }, []);

  const apply = (probability: number | null) => {
    const next = setCells(grid, { rows: rows.slice(r0, r1 + 1), fromHour: h0, toHour: h1 }, probability);
    onChange(toSegments(next, days));
  };
  const setOdds = () => {
    const pct = oddsText.trim() === '' ? NaN : Number(oddsText.trim());
    if (!Number.isFinite(pct)) {
      setNote(t('Enter the odds in percent, e.g. 5 or 0.25.'));
      return;
    }
    setNote(null);
    apply(percentToProbability(pct));
  };
  const pick = (cell: Cell, extend: boolean) => {
    if (!extend) setAnchor(cell);
    setFocus(cell);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const next = {
      r: Math.max(0, Math.min(rows.length - 1, focus.r + move[0])),
      h: Math.max(0, Math.min(23, focus.h + move[1])),
    };
    pick(next, e.shiftKey);
    table.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.r}-${next.h}"]`)?.focus();
  };

  const issues = [...new Set(errors)];
  const anyOver = overLimit.size > 0;
  return (
    <div className="space-y-3" data-testid="segment-grid">
      <div className="overflow-x-auto rounded-md border border-zinc-200">
        <table
          ref={table}
          className="w-full min-w-[640px] table-fixed border-collapse text-[10px] tabular-nums select-none"
          onKeyDown={onKeyDown}
          aria-label={t('Odds by hour for tier {n}', { n: tierIndex + 1 })}
        >
          <colgroup>
            <col className="w-24" />
            {HOURS.map((h) => (
              <col key={h} />
            ))}
          </colgroup>
          <thead>
            <tr className="bg-zinc-50 text-zinc-600">
              <th scope="col" className="px-2 py-1 text-left font-medium">
                <span className="sr-only">{t('Day')}</span>
              </th>
              {HOURS.map((h) => (
                <th key={h} scope="col" className="py-1 text-center font-medium" title={`${hh(h)}–${hh(h + 1)}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr
                key={row || 'every-day'}
                className={r === 0 ? 'border-b border-zinc-300' : 'border-t border-zinc-100'}
              >
                <th scope="row" className="truncate px-2 py-0.5 text-left font-medium whitespace-nowrap text-zinc-700">
                  {row === EVERY_DAY ? t('Every day') : shortDay(row, t.locale)}
                </th>
                {HOURS.map((h) => {
                  const own = row === EVERY_DAY ? grid.everyDay[h] : grid.days[row]?.[h];
                  const odds = oddsInForce(grid, row, h, tierProbability);
                  const inherited = own == null && odds !== tierProbability;
                  const over = overLimit.has(`${row}|${h}`);
                  const isSelected = selected(r, h);
                  const shown = Number.isFinite(odds) ? `${probabilityToPercent(odds)} %` : t('not set');
                  return (
                    <td key={h} className="p-px">
                      <button
                        type="button"
                        data-cell={`${r}-${h}`}
                        data-odds={Number.isFinite(odds) ? probabilityToPercent(odds) : ''}
                        tabIndex={r === focus.r && h === focus.h ? 0 : -1}
                        aria-pressed={isSelected}
                        aria-label={`${label(r)} ${hh(h)}: ${shown}${own != null ? t(', set here') : ''}${over ? t(', odds of all tiers over 100 %') : ''}`}
                        title={`${label(r)} ${hh(h)}–${hh(h + 1)}: ${shown}`}
                        onPointerDown={(e) => {
                          dragging.current = true;
                          pick({ r, h }, e.shiftKey);
                        }}
                        onPointerEnter={() => {
                          if (dragging.current) setFocus({ r, h });
                        }}
                        onClick={(e) => {
                          // Pointer events did the work; a keyboard press selects the cell.
                          if (e.detail === 0) pick({ r, h }, e.shiftKey);
                        }}
                        className={`block h-6 w-full overflow-hidden rounded-[3px] text-center leading-6 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${
                          over
                            ? 'bg-red-100 font-semibold text-red-800 ring-1 ring-red-500 ring-inset'
                            : own != null
                              ? 'bg-indigo-600 font-medium text-white'
                              : inherited
                                ? 'bg-indigo-100 text-indigo-900'
                                : 'bg-white text-zinc-400 hover:bg-zinc-100'
                        } ${isSelected ? 'outline-2 -outline-offset-1 outline-amber-500' : ''}`}
                      >
                        {own != null || over ? compact(odds) : ''}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {days.length === 0 ? (
        <p className="text-xs text-zinc-600">
          {t('Dated rows appear for periods of up to {count} days; the every-day row applies to all of them.', {
            count: MAX_DATE_ROWS,
          })}
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`segment-odds-${tierIndex}`} className="block text-sm font-medium text-zinc-800">
            {t('Odds for the selected hours (%)')}
          </label>
          <input
            id={`segment-odds-${tierIndex}`}
            inputMode="decimal"
            className={`${inputClasses} mt-1.5 w-32 tabular-nums`}
            value={oddsText}
            placeholder={Number.isFinite(tierProbability) ? probabilityToPercent(tierProbability) : ''}
            onChange={(e) => setOddsText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                setOdds();
              }
            }}
            aria-describedby={`segment-selection-${tierIndex}`}
          />
        </div>
        <button type="button" className={buttonClasses('secondary', 'sm')} onClick={setOdds}>
          {t('Set odds')}
        </button>
        <button type="button" className={buttonClasses('ghost', 'sm')} onClick={() => apply(null)}>
          {t('Use the tier’s odds')}
        </button>
        <p
          id={`segment-selection-${tierIndex}`}
          className="pb-1.5 text-xs text-zinc-600"
          data-testid="segment-selection"
        >
          {t('Selected: {selection}', { selection })}
        </p>
      </div>
      {note ? <p className="text-sm text-red-700">{note}</p> : null}
      {anyOver && oddsMessage ? (
        <p className="text-sm text-red-700" data-testid="field-error" role="alert">
          {oddsMessage}
        </p>
      ) : null}
      {issues.map((m) => (
        <p key={m} className="text-sm text-red-700" data-testid="field-error">
          {m}
        </p>
      ))}
      <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600">
        <Swatch className="bg-indigo-600" /> {t('set here')}
        <Swatch className="bg-indigo-100" /> {t('from the every-day row')}
        <Swatch className="border border-zinc-300 bg-white" /> {t('the tier’s odds')}
        <Swatch className="bg-red-100 ring-1 ring-red-500" /> {t('all tiers over 100 %')}
      </p>
    </div>
  );
}

function Swatch({ className }: { className: string }) {
  return <span aria-hidden className={`-mr-2 inline-block size-3 rounded-sm ${className}`} />;
}

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
const compact = (p: number) => (Number.isFinite(p) ? String(Number((p * 100).toPrecision(3))) : '?');

function shortDay(day: string, locale: ConsoleLocale): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = d.toLocaleDateString(locale === 'en' ? 'en-US' : locale, { weekday: 'short', timeZone: 'UTC' });

  return `${weekday} ${day.slice(5)}`;
}
