// `npm run -s verify -- --activity <id>`: recomputes every draw of an activity from its records
// and its revealed seeds, as anyone could with the proofs (docs/fairness.md). A draw matches when
// its seed is revealed and committed as recorded, its i and r are what the HMAC gives, the picked
// tier is what r gives under the recorded odds, and the stored outcome is what that tier and the
// recorded fallback make of it. Fixed winners are drawn again from the last seed and compared.
import { createHash } from 'node:crypto';
import { db } from '../db';
import { reservoirSample } from '../fixed-winners/reservoir-sample';
import { deriveDrawNumber, pickTierIndex } from '../fairness/derive-draw-number';
import {
  drawFairnessOf,
  isFixedWinnerFairness,
  type DrawFairness,
  type FixedWinnerFairness,
} from '../fairness/draw-fairness';
import { fixedWinnersRandom } from '../fairness/fixed-winners-random';
import { decryptSeed } from '../fairness/seed-cipher';

export type VerifyReport = {
  verified: number;
  mismatches: { drawId: string; reason: string }[];
  /** Draws made before the activity had a seed: nothing to recompute. */
  notProvable: number;
};

const PAGE = 5_000;
/** The fixed-winner draw's idempotency key (lib/fixed-winners/draw-fixed-winners.ts). */
const FIXED_WINNERS_KEY = 'fixed-winners';

export async function verifyActivity(activityId: string): Promise<VerifyReport> {
  const activity = await db.activity.findUniqueOrThrow({
    where: { id: activityId },
    select: {
      fixedWinners: true,
      tiers: { select: { id: true }, orderBy: { position: 'asc' } },
      seeds: { select: { id: true, commitment: true, encryptedSeed: true, revealedAt: true, activeFrom: true } },
    },
  });
  const seeds = new Map(
    activity.seeds
      .filter((s) => s.revealedAt)
      .map((s) => [s.id, { seed: decryptSeed(s.encryptedSeed), commitment: s.commitment }]),
  );
  const report: VerifyReport = { verified: 0, mismatches: [], notProvable: 0 };
  const fixedWinners: FixedWinnerDraw[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.draw.findMany({
      where: { activityId, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, userId: true, idempotencyKey: true, outcome: true, tierId: true, fairness: true },
      orderBy: { id: 'asc' },
      take: PAGE,
    });
    for (const d of page) {
      const fairness = drawFairnessOf(d.fairness);
      const fixed = !fairness || isFixedWinnerFairness(fairness);
      if (fixed && d.idempotencyKey === FIXED_WINNERS_KEY && activity.fixedWinners !== null) {
        fixedWinners.push({ id: d.id, userId: d.userId, fairness: fairness as FixedWinnerFairness | null });
        continue;
      }
      if (!fairness) {
        // A draw without a seed has no proof; proof fields that no longer read are a changed record.
        if (d.fairness === null) report.notProvable++;
        else report.mismatches.push({ drawId: d.id, reason: 'its stored proof fields are unreadable' });
        continue;
      }
      const reason = checkDraw(activityId, d, fairness as DrawFairness, seeds, activity.tiers);
      if (reason) report.mismatches.push({ drawId: d.id, reason });
      else report.verified++;
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1]!.id;
  }
  if (fixedWinners.length) await checkFixedWinners(activityId, activity, fixedWinners, report);
  return report;
}

function checkDraw(
  activityId: string,
  d: { userId: string; idempotencyKey: string; outcome: string; tierId: string | null },
  f: DrawFairness,
  seeds: Map<string, { seed: Buffer; commitment: string }>,
  tiers: { id: string }[],
): string | null {
  const seed = seeds.get(f.s);
  if (!seed) return `seed ${f.s} is not revealed`;
  if (createHash('sha256').update(seed.seed).digest('hex') !== seed.commitment)
    return 'seed does not match its commitment';
  const { i, r } = deriveDrawNumber(seed.seed, { activityId, userId: d.userId, idempotencyKey: d.idempotencyKey });
  if (i !== f.i || r !== f.r) return `recorded i=${f.i} r=${f.r}, recomputed i=${i} r=${r}`;
  const picked = pickTierIndex(f.o, r);
  if (picked !== f.t) return `recorded tier ${f.t}, the odds give ${picked}`;
  const wins = picked !== null && f.f === 'none';
  if (picked === null && f.f !== 'none') return `no tier picked, yet fallback ${f.f}`;
  if ((d.outcome === 'WIN') !== wins)
    return `outcome ${d.outcome.toLowerCase()}, the proof gives ${wins ? 'win' : 'lose'}`;
  if (wins && d.tierId !== tiers[picked]?.id) return `won tier ${d.tierId}, the proof gives tier ${picked}`;
  return null;
}

type FixedWinnerDraw = { id: string; userId: string; fairness: FixedWinnerFairness | null };
type Placement = { position: number; i: number | null; r: number | null };

async function checkFixedWinners(
  activityId: string,
  activity: {
    fixedWinners: number | null;
    seeds: { id: string; encryptedSeed: string; revealedAt: Date | null; activeFrom: Date }[];
  },
  drawn: FixedWinnerDraw[],
  report: VerifyReport,
) {
  const last = [...activity.seeds].sort((a, b) => b.activeFrom.getTime() - a.activeFrom.getTime())[0];
  if (!last?.revealedAt) {
    for (const d of drawn) report.mismatches.push({ drawId: d.id, reason: 'fixed winners: the seed is not revealed' });
    return;
  }
  const random = fixedWinnersRandom(decryptSeed(last.encryptedSeed), activityId);
  const participants = await db.participation.findMany({
    where: { activityId },
    orderBy: { userId: 'asc' },
    select: { userId: true },
  });
  // Each slot's last placement, as the draw recorded them for the proofs.
  const placements: Placement[] = [];
  const subPlacements: Placement[] = [];
  const placeInto = (into: Placement[]) => (slot: number, position: number, j: number | null) => {
    into[slot] = { position, i: j === null ? null : random.lastCounter(), r: j };
  };
  let winners = await reservoirSample(
    participants.map((p) => p.userId),
    activity.fixedWinners!,
    random,
    placeInto(placements),
  );
  if (drawn.length < winners.length)
    winners = await reservoirSample(winners, drawn.length, random, placeInto(subPlacements));
  for (const d of drawn) {
    const why =
      d.fairness &&
      (participants[d.fairness.p]?.userId !== d.userId
        ? `recorded position ${d.fairness.p} holds ${participants[d.fairness.p]?.userId ?? 'nobody'}`
        : recordedStepMismatch(d.fairness, participants.length, placements, subPlacements));
    if (why) report.mismatches.push({ drawId: d.id, reason: `fixed winner ${d.userId}: ${why}` });
  }
  const misplaced = new Set(report.mismatches.map((m) => m.drawId));
  const expected = new Set(winners);
  for (const d of drawn.filter((x) => !misplaced.has(x.id))) {
    if (expected.has(d.userId)) report.verified++;
    else
      report.mismatches.push({ drawId: d.id, reason: `fixed winner ${d.userId} is not among the recomputed winners` });
  }
}

/** What in a fixed winner's recorded step differs from the sampling replayed; null when nothing does. */
function recordedStepMismatch(
  f: FixedWinnerFairness,
  participants: number,
  placements: Placement[],
  subPlacements: Placement[],
): string | null {
  if (f.n !== participants) return `recorded ${f.n} participants, there are ${participants}`;
  const slot = f.sub ? subPlacements[f.sub.slot]?.position : f.slot;
  if (slot !== f.slot) return `recorded slot ${f.slot}, the sampling gives ${slot}`;
  const placed = placements[f.slot];
  if (!placed || placed.position !== f.p || placed.i !== f.i || placed.r !== f.r)
    return `recorded position ${f.p} (i=${f.i}, r=${f.r}) in slot ${f.slot}, the sampling gives ${JSON.stringify(placed)}`;
  const sub = f.sub && subPlacements[f.sub.slot];
  if (f.sub && (sub?.i !== f.sub.i || sub?.r !== f.sub.r))
    return `recorded second sampling i=${f.sub.i} r=${f.sub.r}, the sampling gives ${JSON.stringify(sub)}`;
  return null;
}
