// The audit log's diff: nested changes by dotted path, only what changed, creations and
// removals listed once.
import { describe, expect, it } from 'vitest';
import { auditDiff } from '@/components/console/audit/audit-diff';

describe('auditDiff', () => {
  it('lists changed, added and removed fields by path, and nothing that stayed the same', () => {
    const lines = auditDiff(
      { status: 'CLAIMED', carrier: null, claim: { name: 'Li', phone: '1' }, tiers: [{ stock: 10 }, { stock: 5 }] },
      {
        status: 'SHIPPED',
        carrier: 'SF Express',
        claim: { name: 'Li' },
        tiers: [{ stock: 12 }, { stock: 5 }],
        trackingNumber: 'SF1',
      },
    );
    expect(lines).toEqual([
      { path: 'status', kind: 'changed', before: 'CLAIMED', after: 'SHIPPED' },
      { path: 'carrier', kind: 'changed', before: null, after: 'SF Express' },
      { path: 'claim.phone', kind: 'removed', before: '1' },
      { path: 'tiers[0].stock', kind: 'changed', before: 10, after: 12 },
      { path: 'trackingNumber', kind: 'added', after: 'SF1' },
    ]);
  });

  it('a creation lists every field as added; no change at all lists nothing', () => {
    expect(auditDiff(null, { name: 'Key', prefix: 'lk_1' })).toEqual([
      { path: 'name', kind: 'added', after: 'Key' },
      { path: 'prefix', kind: 'added', after: 'lk_1' },
    ]);
    expect(auditDiff({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toEqual([]);
    expect(auditDiff({ role: 'OWNER' }, null)).toEqual([{ path: 'role', kind: 'removed', before: 'OWNER' }]);
  });
});
