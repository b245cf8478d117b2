'use server';

// Console server actions for risk rules and blacklists. Every change needs the OPERATOR role,
// checked here on the server (the page hides the forms from analysts, but that is not a
// security boundary); reading the live events needs only ANALYST.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import type { ActionResult } from '@/lib/http/action-result';
import { canonicalId, idOrNotFound } from '@/lib/ids';
import {
  addRiskListEntries,
  createRiskRule,
  deleteRiskRule,
  importRiskList,
  parseRiskListCsv,
  removeRiskListEntry,
  setRiskRuleEnabled,
} from '@/lib/risk/manage-risk';
import { listRecentRiskEvents, type CsvImportOutcome, type RiskEventDto } from '@/lib/risk/risk-console-view';
import { RiskListEntriesSpec, RiskListKindSpec, RiskRuleSpec } from '@/lib/risk/schemas';
import { text } from '@/lib/validation/text';
import { consoleAction } from '../../../_server/session';

// The console's form sends values as typed lines; the lib takes the array.
const ConsoleListEntries = z.strictObject({
  kind: RiskListKindSpec,
  lines: text({ max: 500_000, multiline: true, tooLong: 'paste at most 500,000 characters at once' }),
  reason: RiskListEntriesSpec.shape.reason,
});
// Server actions take at most 1 MB per request by default. Each value the CSV yields is then
// judged as text on its own (parseRiskListCsv), so a bad character is reported with its line.
const CsvText = z.string().max(900_000, 'the CSV is larger than 900 KB; split it into smaller files');

const revalidate = (slug: string) => revalidatePath(`/t/${slug}/risk`);

export async function createRiskRuleAction(tenantSlug: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const rule = await createRiskRule(ctx.tenantId, ctx.actor, RiskRuleSpec.parse(input));
    revalidate(ctx.tenantSlug);
    return { id: rule.id };
  });
}

export async function setRiskRuleEnabledAction(
  tenantSlug: string,
  ruleId: string,
  enabled: boolean,
): Promise<ActionResult<{ enabled: boolean }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const on = z.boolean().parse(enabled);
    await setRiskRuleEnabled(ctx.tenantId, ctx.actor, idOrNotFound(ruleId, 'risk rule'), on);
    revalidate(ctx.tenantSlug);
    return { enabled: on };
  });
}

export async function deleteRiskRuleAction(tenantSlug: string, ruleId: string): Promise<ActionResult<null>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    await deleteRiskRule(ctx.tenantId, ctx.actor, idOrNotFound(ruleId, 'risk rule'));
    revalidate(ctx.tenantSlug);
    return null;
  });
}

export async function addRiskListEntriesAction(
  tenantSlug: string,
  input: unknown,
): Promise<ActionResult<{ added: number; values: number }>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const { kind, lines, reason } = ConsoleListEntries.parse(input);
    const values = lines
      .split(/\r?\n/)
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length === 0) throw new AppError('VALIDATION_FAILED', 'lines: enter at least one value, one per line');
    const { added } = await addRiskListEntries(
      ctx.tenantId,
      ctx.actor,
      RiskListEntriesSpec.parse({ kind, values, ...(reason ? { reason } : {}) }),
    );
    revalidate(ctx.tenantSlug);
    return { added, values: new Set(values).size };
  });
}

export async function removeRiskListEntryAction(tenantSlug: string, entryId: string): Promise<ActionResult<null>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    await removeRiskListEntry(ctx.tenantId, ctx.actor, idOrNotFound(entryId, 'list entry'));
    revalidate(ctx.tenantSlug);
    return null;
  });
}

/** Imports all lines or none: a refused import comes back with its line-numbered errors. */
export async function importRiskListCsvAction(
  tenantSlug: string,
  csv: string,
): Promise<ActionResult<CsvImportOutcome>> {
  return consoleAction(tenantSlug, 'OPERATOR', async (ctx) => {
    const text = CsvText.parse(csv);
    const parsed = parseRiskListCsv(text);
    if (parsed.errors.length)
      return { imported: false as const, errors: parsed.errors.slice(0, 50), errorCount: parsed.errors.length };
    const { added, lines } = await importRiskList(ctx.tenantId, ctx.actor, parsed);
    revalidate(ctx.tenantSlug);
    return { imported: true as const, added, lines };
  });
}

/** The newest events for the live table; polled by the page every few seconds. */
export async function listRiskEventsAction(
  tenantSlug: string,
  activityId: string | null,
): Promise<ActionResult<{ events: RiskEventDto[] }>> {
  return consoleAction(tenantSlug, 'ANALYST', async (ctx) => {
    const id = activityId ? canonicalId(activityId) : undefined;
    // A filter naming no activity matches no event.
    if (id === null) return { events: [] };
    return { events: await listRecentRiskEvents(ctx.tenantId, id ? { activityId: id } : {}) };
  });
}
