import { z } from 'zod';
import { text } from '../validation/text';
import { Id } from '../ids';

export const CreateApiKey = z.strictObject({
  name: text({ min: 1, max: 80, tooShort: 'enter a name for the key' }),
});
export type CreateApiKey = z.infer<typeof CreateApiKey>;

export const RevokeApiKey = z.strictObject({ apiKeyId: Id });
export type RevokeApiKey = z.infer<typeof RevokeApiKey>;
