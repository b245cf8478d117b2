// What the win endpoints answer, for end users and for the management API (the OpenAPI
// document's schemas are generated from these; the DTO builders return these types).
import { z } from 'zod';
import { Int, page, Time, Uuid } from '../validation/response-fields';

const WinStatus = z.enum(['AWAITING_CLAIM', 'PENDING_DELIVERY', 'CLAIMED', 'SHIPPED', 'DELIVERED', 'HELD', 'VOID']);

/** A win as its winner sees it (GET /api/v1/me/wins, and `wins` of GET /api/v1/activities/{id}/me). */
export const UserWinResponse = z.object({
  id: Uuid,
  activityId: Uuid,
  drawId: Uuid.meta({ description: 'the draw that won it: its proof is GET /api/v1/draws/{drawId}/proof' }),
  tierId: Uuid,
  prize: z.object({ id: Uuid, name: z.string(), kind: z.string() }),
  quantity: Int,
  status: z.string().meta({ description: WinStatus.options.join(' | ') }),
  claimable: z.boolean(),
  codes: z
    .array(z.string())
    .optional()
    .meta({ description: "a coupon win's codes, one per unit; not while held for review, nor once void" }),
  createdAt: Time,
  claimExpiresAt: Time.nullable().meta({ description: "a physical win's claim deadline" }),
  expired: z.boolean().meta({ description: 'voided because its claim window passed' }),
  shipment: z.object({ carrier: z.string(), trackingNumber: z.string() }).nullable(),
});
export type UserWinResponse = z.output<typeof UserWinResponse>;

export const UserWinsResponse = z.object({ wins: z.array(UserWinResponse) });

const AddressPartsOut = z.object({
  province: z.string().optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  street: z.string(),
  postcode: z.string().optional(),
  country: z.string().optional(),
});

/** POST /api/v1/wins/{winId}/claim. */
export const ClaimResponse = z.object({
  id: Uuid,
  status: WinStatus,
  claim: z.object({
    name: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable().meta({ description: 'the address as one line' }),
    addressParts: AddressPartsOut.optional(),
    claimedAt: Time,
  }),
});

/** A winner as the management API lists them. */
export const WinnerResponse = z.object({
  winId: Uuid,
  activityId: Uuid,
  userId: z.string(),
  drawId: Uuid,
  tier: z.object({ id: Uuid, name: z.string() }),
  prize: z.object({ id: Uuid, name: z.string(), kind: z.string() }),
  quantity: Int,
  status: WinStatus,
  wonAt: Time,
  claim: z
    .object({
      name: z.string().nullable(),
      phone: z.string().nullable(),
      address: z.string().nullable(),
      claimedAt: Time,
    })
    .nullable(),
  shipment: z
    .object({ carrier: z.string().nullable(), trackingNumber: z.string().nullable(), shippedAt: Time })
    .nullable(),
});
export type WinnerResponse = z.output<typeof WinnerResponse>;

export const WinnersPage = page(WinnerResponse);

/** A winner action's answer: the win's status after it. */
export const WinActionResponse = z.object({
  id: Uuid,
  status: WinStatus,
  carrier: z.string().optional(),
  trackingNumber: z.string().optional(),
  shippedAt: Time.optional(),
});
