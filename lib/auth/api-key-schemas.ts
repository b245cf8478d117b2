import { z } from 'zod';
import { text } from '../validation/text';
import { Id } from '../ids';
import { ApiKeyScopes } from './api-key-scopes';

export const CreateApiKey = z.strictObject({
  name: text({ min: 1, max: 80, tooShort: 'enter a name for the key' }),
  /** What the key may do (lib/auth/api-key-scopes.ts); every scope when left out. */
  scopes: ApiKeyScopes.optional(),
});
export type CreateApiKey = z.infer<typeof CreateApiKey>;

export const RevokeApiKey = z.strictObject({ apiKeyId: Id });
export type RevokeApiKey = z.infer<typeof RevokeApiKey>;
