import { z } from 'zod';
import { Id } from '../ids';

export const CreateApiKey = z.strictObject({
  name: z.string().trim().min(1, 'enter a name for the key').max(80, 'use at most 80 characters'),
});
export type CreateApiKey = z.infer<typeof CreateApiKey>;

export const RevokeApiKey = z.strictObject({ apiKeyId: Id });
export type RevokeApiKey = z.infer<typeof RevokeApiKey>;
