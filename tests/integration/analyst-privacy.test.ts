// An analyst reads the console's trail (audit, members, stock ledger, the live dashboard's recent
// changes) without learning other operators' internal ids or full emails: names, masked emails,
// and stand-ins that still work as filters. Operators and owners see the ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeActivityStatus } from '@/lib/activities/change-status';
import { listAuditFacets, listAuditLogs } from '@/lib/audit/list-audit-logs';
import { authorizeConsole, type ConsoleContext } from '@/lib/auth/console-guard';
import { upsertOperator } from '@/lib/auth/verify-operator';
import { db } from '@/lib/db';
import { listStockMovements } from '@/lib/inventory/list-stock-movements';
import { stockLedgerCsv } from '@/lib/inventory/stock-ledger-csv';
import { restockPrize } from '@/lib/prizes/restock-prize';
import { closeQueues } from '@/lib/queues';
import { getDashboardData } from '@/lib/stats/get-dashboard-data';
import { changeMemberRole } from '@/lib/tenancy/change-membership';
import { listMembers } from '@/lib/tenancy/list-members';
import { liveActivity } from '../helpers/activities';
import { freshTenant, membersOfEachRole, uniqueSlug } from '../helpers/fixtures';

let tenant: Awaited<ReturnType<typeof freshTenant>>;
let people: Record<'OWNER' | 'OPERATOR' | 'ANALYST', string>;
let zed: { id: string; email: string };
let prizeId: string;
let activityId: string;
let analyst: ConsoleContext;
let owner: ConsoleContext;
let othersEmails: string[];

const op = (id: string) => ({ type: 'OPERATOR', id }) as const;

async function everythingTheAnalystReads(viewer: ConsoleContext) {
  const csv: string[] = [];
  for await (const chunk of stockLedgerCsv(tenant.id, prizeId, {}, viewer)) csv.push(chunk);
  return JSON.stringify([
    await listAuditLogs(tenant.id, { limit: 100 }, viewer),
    await listAuditFacets(tenant.id, viewer),
    await listMembers(tenant.id, viewer),
    await listStockMovements(tenant.id, prizeId, { limit: 100 }, viewer),
    csv.join(''),
    (await getDashboardData(tenant.id, activityId, { viewer })).changes,
  ]);
}

beforeAll(async () => {
  tenant = await freshTenant();
  people = await membersOfEachRole(tenant.id);
  const z = await upsertOperator(`${uniqueSlug('zed')}@test.local`, 'Zed Person', 'pw-for-tests-1');
  zed = { id: z.id, email: z.email };
  await db.membership.create({ data: { tenantId: tenant.id, operatorId: zed.id, role: 'OPERATOR' } });
  const live = await liveActivity((p) => [{ probability: 0.5, stock: 10, prizes: [{ prizeId: p[0]! }] }], { tenant });
  activityId = live.activity.id;
  prizeId = live.prizes[0]!.id;
  // Operators act: a role change (an entry about an operator), a restock (a ledger row), a pause.
  await changeMemberRole(tenant.id, op(people.OWNER), zed.id, 'ANALYST');
  await restockPrize(tenant.id, op(people.OPERATOR), prizeId, { quantity: 5, reason: 'more' });
  await changeActivityStatus(tenant.id, op(people.OPERATOR), { activityId, transition: 'pause' });
  analyst = await authorizeConsole(people.ANALYST, tenant.slug, 'ANALYST');
  owner = await authorizeConsole(people.OWNER, tenant.slug, 'ANALYST');
  const emails = await db.operator.findMany({
    where: { id: { in: [people.OWNER, people.OPERATOR, zed.id] } },
    select: { email: true },
  });
  othersEmails = emails.map((e) => e.email);
});

afterAll(async () => {
  await closeQueues();
});

describe('what an analyst reads of other operators', () => {
  it('holds none of their ids and none of their full emails, but their names', async () => {
    const seen = await everythingTheAnalystReads(analyst);
    for (const id of [people.OWNER, people.OPERATOR, zed.id]) expect(seen).not.toContain(id);
    for (const email of othersEmails) expect(seen).not.toContain(email);
    expect(seen).toContain('Owner Person');
    expect(seen).toContain('Operator Person');
    expect(seen).toContain('Zed Person');
    expect(seen).toMatch(/"email":"o•••[0-9a-f]@test\.local"/);
  });

  it('shows the analyst their own email, and stand-ins that work as audit filters', async () => {
    const me = (await listMembers(tenant.id, analyst)).find((m) => m.name === 'Analyst Person')!;
    expect(me.email).toMatch(/^analyst-[0-9a-f]+@test\.local$/);

    const entries = (await listAuditLogs(tenant.id, { limit: 100 }, analyst)).items;
    const roleChange = entries.find((e) => e.action === 'member.changeRole')!;
    expect(roleChange.object.id).toMatch(/^op_[\w-]{22}$/);
    const byObject = await listAuditLogs(
      tenant.id,
      { limit: 100, objectType: 'Membership', objectId: roleChange.object.id },
      analyst,
    );
    expect(byObject.items.map((e) => e.action)).toEqual(['member.changeRole']);
    const pause = entries.find((e) => e.action === 'activity.pause')!;
    const byActor = await listAuditLogs(
      tenant.id,
      { limit: 100, actorType: 'OPERATOR', actorId: pause.actor.id! },
      analyst,
    );
    expect(byActor.items.map((e) => e.action).sort()).toEqual(['activity.pause', 'prize.restock']);
    // A stand-in means nothing to another reader, and an id means nothing to the analyst.
    expect(
      (await listAuditLogs(tenant.id, { limit: 100, actorType: 'OPERATOR', actorId: people.OPERATOR }, analyst)).items,
    ).toEqual([]);
    expect(
      (await listAuditLogs(tenant.id, { limit: 100, actorType: 'OPERATOR', actorId: pause.actor.id! }, owner)).items,
    ).toEqual([]);
  });

  it('is the full picture for an owner', async () => {
    const seen = await everythingTheAnalystReads(owner);
    for (const id of [people.OWNER, people.OPERATOR, zed.id]) expect(seen).toContain(id);
    for (const email of othersEmails) expect(seen).toContain(email);
  });
});
