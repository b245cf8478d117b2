// Shipping by file: a CSV of win id, carrier and tracking number (a header row is optional), as a
// warehouse exports it. Every row is checked before anything ships: one malformed row refuses the
// file and names it, nothing changed. Then each win ships through the one shipping service
// (ship-win.ts: its state checks, audit and notification); a win that cannot ship (not claimed,
// another tenant's) is reported by line, the others ship.
import { type Actor } from '../audit/write-audit-log';
import { AppError, toErrorBody } from '../errors';
import { parseCsv } from '../http/csv';
import { canonicalId } from '../ids';
import { ShipWin } from './schemas';
import { shipWin } from './ship-win';

/** Rows a file may hold: a day's parcels of a big campaign. */
export const MAX_SHIPMENT_ROWS = 5_000;
export const MAX_SHIPMENT_FILE_CHARS = 1_000_000;

export type ShipmentImport = {
  shipped: number;
  failed: { line: number; winId: string; code: string; message: string }[];
};

export async function importShipments(tenantId: string, actor: Actor, text: string): Promise<ShipmentImport> {
  if (text.length > MAX_SHIPMENT_FILE_CHARS) throw new AppError('PAYLOAD_TOO_LARGE', 'a shipment file is at most 1 MB');
  const rows = parseCsv(text);
  if (rows === null) throw invalid([{ path: 'file', message: 'a quoted field is never closed' }]);
  const header = rows[0]?.map((f) => f.trim().toLowerCase());
  const body = header && header[0] === 'winid' ? rows.slice(1) : rows;
  const first = rows.length - body.length + 1;
  if (body.length === 0) throw invalid([{ path: 'file', message: 'no rows: expected winId,carrier,trackingNumber' }]);
  if (body.length > MAX_SHIPMENT_ROWS)
    throw invalid([{ path: 'file', message: `at most ${MAX_SHIPMENT_ROWS} rows a file` }]);

  const issues: { path: string; message: string }[] = [];
  const parsed = body.map((fields, i) => {
    const line = first + i;
    const winId = canonicalId(fields[0]?.trim() ?? '');
    const shipment = ShipWin.safeParse({ carrier: fields[1] ?? '', trackingNumber: fields[2] ?? '' });
    if (fields.length !== 3)
      issues.push({ path: `line ${line}`, message: 'expected 3 fields: winId,carrier,trackingNumber' });
    else if (!winId) issues.push({ path: `line ${line}`, message: 'the win id is not a UUID' });
    else if (!shipment.success)
      issues.push({
        path: `line ${line}`,
        message: shipment.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '),
      });
    return { line, winId: winId ?? '', shipment: shipment.data };
  });
  const seen = new Map<string, number>();
  for (const p of parsed) {
    const earlier = seen.get(p.winId);
    if (p.winId && earlier !== undefined)
      issues.push({ path: `line ${p.line}`, message: `the same win as line ${earlier}` });
    seen.set(p.winId, p.line);
  }
  if (issues.length > 0) throw invalid(issues.slice(0, 50));

  const result: ShipmentImport = { shipped: 0, failed: [] };
  for (const p of parsed) {
    try {
      await shipWin(tenantId, actor, p.winId, p.shipment!);
      result.shipped++;
    } catch (err) {
      const { status, body: e } = toErrorBody(err);
      if (status >= 500) throw err;
      result.failed.push({ line: p.line, winId: p.winId, code: e.error.code, message: e.error.message });
    }
  }
  return result;
}

function invalid(issues: { path: string; message: string }[]) {
  return new AppError(
    'VALIDATION_FAILED',
    `the file has ${issues.length === 50 ? '50 or more' : issues.length} problem(s)`,
    {
      issues,
    },
  );
}
