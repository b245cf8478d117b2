import { z } from 'zod';

export const TenantSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, at most 40');
export type TenantSlug = z.infer<typeof TenantSlug>;
