// The record a draw leaves in Redis (stream and idempotency key), and what it becomes:
// the response body, and the Draw and Win rows in PostgreSQL.
import type { ActivityView } from './activity-state';

/** How long a draw's result answers its Idempotency-Key: longer than a day, so a client retrying through a bad night still gets its one result. */
export const IDEMPOTENCY_TTL_SECONDS = 25 * 3600;

export type DrawRecord = {
  d: string;
  u: string;
  k: string;
  t: string;
  c: 'F' | 'G';
  ts: string;
  pz: string;
  v: string;
  /** The generation of the hot state that decided the draw ('' for records rebuilt from rows). */
  e: string;
  /** The draw's number in that state (absent in records rebuilt from rows, and in older records). */
  q?: number;
  l: number;
  dev: string;
  ip: string;
  /** The risk verdict: '' (or absent in older records) none, 'L' forced loss, 'H' win held for review. */
  rk?: string;
  /** Coupon codes won, by prize: one per unit (absent when the draw won none). */
  cd?: Record<string, string[]>;
  /** The draw number as given: 'r:i:seedId' for a seeded draw, 'r' otherwise (absent in older records). */
  f?: string;
  /** The picked tier's index, -1 none; what turned it into no win; the odds in force ('p1,p2,...'). */
  pt?: number;
  fb?: string;
  o?: string;
};

const FALLBACKS = new Set(['none', 'stock', 'pacing', 'limit', 'policy']);
const SEEDED_NUMBER = /^(\d{1,7}):(\d{1,9}):([0-9a-f-]{36})$/;
/** The odds as the draw script writes them: micros, comma separated ('' for an activity without tiers). */
const NUMBER_TEXT = String.raw`-?\d{1,16}(?:\.\d{1,16})?(?:[eE][+-]?\d{1,3})?`;
const ODDS_TEXT = new RegExp(`^(?:${NUMBER_TEXT}(?:,${NUMBER_TEXT})*)?$`);

/**
 * The record's proof fields, the Draw's `fairness` as JSON text, or null for a draw without a seed
 * (or a record from before proofs): the one JSON string 'r:i:seedId:tier:fallback:odds' (tier -1:
 * none picked), which lib/fairness/draw-fairness.ts reads back as the proof's object. Made from the
 * record's own fields, every one checked first; a draw pays for no object and no JSON.stringify,
 * and PostgreSQL stores a string rather than taking an object apart on every commit.
 */
export function drawFairnessJson(r: DrawRecord): string | null {
  const f = r.f;
  if (typeof f !== 'string' || !SEEDED_NUMBER.test(f)) return null;
  if (typeof r.pt !== 'number' || !Number.isInteger(r.pt) || !FALLBACKS.has(r.fb ?? '')) return null;
  if (typeof r.o !== 'string' || !ODDS_TEXT.test(r.o)) return null;
  // Each piece is checked to hold no quote, backslash or ':' of its own: digits, the id's and
  // fallback's letters, numbers.
  return `"${f}:${r.pt < 0 ? -1 : r.pt}:${r.fb}:${r.o}"`;
}

export type DrawBody = {
  drawId: string;
  outcome: 'win' | 'lose';
  tier: { id: string; name: string } | null;
  /** `codes`: a coupon prize's codes, one per unit. */
  prizes: { prizeId: string; name: string; kind: string; quantity: number; codes?: string[] }[];
  winIds: string[];
  chancesLeft: number;
  /** Present when the win waits for a review by the operator before it can be claimed. */
  held?: true;
};

export type AwardedPrize = { prizeId: string; quantity: number; winId: string; codes?: string[] };

export function parseRecord(json: string): DrawRecord {
  return JSON.parse(json) as DrawRecord;
}

/**
 * Whether a value read back from a stream can be handled as a draw record: the fields that
 * name its keys and its counters, and a time. The draw script writes nothing else; a damaged
 * or hand-made entry may be anything.
 */
export function isDrawRecord(value: unknown): value is DrawRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    (['d', 'u', 'k', 't', 'pz', 'ts'] as const).every((f) => typeof r[f] === 'string') &&
    (r.c === 'F' || r.c === 'G') &&
    !Number.isNaN(new Date(Number(r.ts)).getTime())
  );
}

export function awardedPrizes(r: DrawRecord): AwardedPrize[] {
  if (!r.pz) return [];
  return r.pz.split(';').map((part) => {
    const [prizeId, quantity, winId] = part.split(':');
    const codes = r.cd?.[prizeId!];
    return { prizeId: prizeId!, quantity: Number(quantity), winId: winId!, ...(codes ? { codes } : {}) };
  });
}

export function toDrawBody(r: DrawRecord, view: ActivityView): DrawBody {
  const prizes = awardedPrizes(r);
  // A held win's codes are shown once an operator approves it (in the user's wins), not before.
  const held = r.rk === 'H';
  return {
    drawId: r.d,
    outcome: r.t ? 'win' : 'lose',
    tier: r.t ? { id: r.t, name: view.tiers[r.t]?.name ?? '' } : null,
    prizes: prizes.map((p) => ({
      prizeId: p.prizeId,
      name: view.prizes[p.prizeId]?.name ?? '',
      kind: (view.prizes[p.prizeId]?.kind ?? '').toLowerCase(),
      quantity: p.quantity,
      ...(p.codes && !held ? { codes: p.codes } : {}),
    })),
    winIds: prizes.map((p) => p.winId),
    chancesLeft: r.l,
    ...(held && prizes.length ? { held: true as const } : {}),
  };
}

export type DrawRows = {
  /** The state generation that decided it; rows of a generation since lost are not written. */
  epoch: number | null;
  /** Its number in that state (the draw script's seq), or null; the commit records the highest. */
  seq: number | null;
  draw: {
    id: string;
    tenantId: string;
    activityId: string;
    userId: string;
    idempotencyKey: string;
    outcome: 'WIN' | 'LOSE';
    tierId: string | null;
    chanceKind: 'FREE' | 'GRANTED';
    chancesLeft: number;
    ip: string | null;
    deviceId: string | null;
    createdAt: Date;
    /** What a risk rule did to the draw: FORCE_LOSE, HOLD, or null. */
    riskAction: string | null;
    configVersion: number | null;
    /** What its proof needs (DrawFairness) as JSON text; absent or null: the draw has no proof (no seed). */
    fairness?: string | null;
  };
  wins: {
    id: string;
    prizeId: string;
    quantity: number;
    status: 'AWAITING_CLAIM' | 'DELIVERED' | 'HELD';
    claimExpiresAt: Date | null;
    /** The coupon codes the win takes from its activity's pool. */
    codes: string[];
  }[];
};

export function toDrawRows(r: DrawRecord, tenantId: string, activityId: string, view: ActivityView): DrawRows {
  const createdAt = new Date(Number(r.ts));
  return {
    epoch: r.e === '' || r.e === undefined ? null : Number(r.e),
    seq: typeof r.q === 'number' ? r.q : null,
    draw: {
      id: r.d,
      tenantId,
      activityId,
      userId: r.u,
      idempotencyKey: r.k,
      outcome: r.t ? 'WIN' : 'LOSE',
      tierId: r.t || null,
      chanceKind: r.c === 'F' ? 'FREE' : 'GRANTED',
      chancesLeft: r.l,
      ip: r.ip || null,
      deviceId: r.dev || null,
      createdAt,
      riskAction: r.rk === 'L' ? 'FORCE_LOSE' : r.rk === 'H' ? 'HOLD' : null,
      // '' in records rebuilt from rows, which are written already.
      configVersion: /^\d{1,9}$/.test(r.v ?? '') ? Number(r.v) : null,
      fairness: drawFairnessJson(r),
    },
    wins: awardedPrizes(r).map((p) => {
      // Physical prizes wait for an address; the others are delivered by the draw itself.
      // A held win waits for review; its claim window starts when it is approved.
      const physical = view.prizes[p.prizeId]?.kind === 'PHYSICAL';
      const held = r.rk === 'H';
      return {
        id: p.winId,
        prizeId: p.prizeId,
        quantity: p.quantity,
        status: held ? 'HELD' : physical ? 'AWAITING_CLAIM' : 'DELIVERED',
        claimExpiresAt:
          !held && physical && view.claimWindowHours
            ? new Date(createdAt.getTime() + view.claimWindowHours * 3600_000)
            : null,
        codes: p.codes ?? [],
      };
    }),
  };
}

export type DrawRowForRecord = {
  id: string;
  userId: string;
  idempotencyKey: string;
  tierId: string | null;
  chanceKind: string;
  createdAt: Date;
  chancesLeft: number;
  ip: string | null;
  deviceId: string | null;
  /** "prizeId:qty:winId;..." ordered by prize id, or null for a lose */
  pz: string | null;
  /** The coupon codes its wins hold, by prize, or null. */
  cd: Record<string, string[]> | null;
};

/** A record rebuilt from the rows (after Redis lost it); it has no generation: it is written already. */
export function recordFromRow(d: DrawRowForRecord): DrawRecord {
  return {
    d: d.id,
    u: d.userId,
    k: d.idempotencyKey,
    t: d.tierId ?? '',
    c: d.chanceKind === 'FREE' ? 'F' : 'G',
    ts: String(d.createdAt.getTime()),
    pz: d.pz ?? '',
    v: '',
    e: '',
    l: d.chancesLeft,
    dev: d.deviceId ?? '',
    ip: d.ip ?? '',
    ...(d.cd ? { cd: d.cd } : {}),
  };
}
