// What a console reader may learn about other operators. Operators and owners see their ids
// and emails; analysts (lib/auth/console-guard.ts decides who) see names, masked emails, and for
// an id a stand-in: the id encrypted with a key of this deployment and tenant (one AES block, so
// it is as opaque as a random string, stable, and turns back into the id on the server, which
// keeps filters and links working).
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { config } from '../config';
import { isUuid } from '../ids';

/** Who reads; null: a full view (jobs, tests, automation). A ConsoleContext is one. */
export type Viewer = { tenantId: string; operatorId: string; seesOperatorIds: boolean } | null | undefined;

const ALIAS_PREFIX = 'op_';

function aliasKey(tenantId: string): Buffer {
  return createHmac('sha256', config().AUTH_SECRET).update(`operator-alias:${tenantId}`).digest();
}

const hides = (viewer: Viewer): viewer is NonNullable<Viewer> => !!viewer && !viewer.seesOperatorIds;

/** The operator id itself, or for an analyst its stand-in. */
export function operatorRef(viewer: Viewer, operatorId: string): string {
  if (!hides(viewer) || !isUuid(operatorId)) return operatorId;
  const cipher = createCipheriv('aes-256-ecb', aliasKey(viewer.tenantId), null).setAutoPadding(false);
  const block = Buffer.concat([cipher.update(Buffer.from(operatorId.replace(/-/g, ''), 'hex')), cipher.final()]);
  return ALIAS_PREFIX + block.toString('base64url');
}

/** The operator id a reference names (what operatorRef gave this viewer), or null. */
export function operatorIdOfRef(viewer: Viewer, ref: string): string | null {
  if (!hides(viewer)) return isUuid(ref) ? ref.toLowerCase() : null;
  if (!ref.startsWith(ALIAS_PREFIX)) return null;
  const block = Buffer.from(ref.slice(ALIAS_PREFIX.length), 'base64url');
  if (block.length !== 16) return null;
  const decipher = createDecipheriv('aes-256-ecb', aliasKey(viewer.tenantId), null).setAutoPadding(false);
  const hex = Buffer.concat([decipher.update(block), decipher.final()]).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An email as this viewer may read it: an analyst sees other people's as "d•••r@demo.test". */
export function visibleEmail(viewer: Viewer, email: string, ofOperatorId?: string): string {
  if (!hides(viewer) || (ofOperatorId && ofOperatorId === viewer.operatorId)) return email;
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at) : '';
  return `${local[0] ?? ''}•••${local.length > 2 ? local[local.length - 1] : ''}${domain}`;
}

/**
 * A recorded value (an audit entry's before / after) as this viewer may read it: every string
 * that is one of `operatorIds` becomes its stand-in, every `email` field is masked.
 */
export function hideOperatorIds(viewer: Viewer, value: unknown, operatorIds: ReadonlySet<string>): unknown {
  if (!hides(viewer)) return value;
  const walk = (v: unknown, field?: string): unknown => {
    if (typeof v === 'string') {
      if (operatorIds.has(v)) return operatorRef(viewer, v);
      return field === 'email' ? visibleEmail(viewer, v) : v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(value);
}
