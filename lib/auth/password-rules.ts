import { z } from 'zod';
import { textProblem } from '../validation/text';

export const PASSWORD_MIN = 12;

/**
 * A password an operator chooses (accepting an invitation, a reset). Kept as typed (no trimming:
 * spaces count), but never with control characters or unpaired surrogates, which other systems
 * that handle the password may cut or mangle.
 */
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN, `use at least ${PASSWORD_MIN} characters`)
  .max(200, 'use at most 200 characters')
  .superRefine((password, ctx) => {
    const problem = textProblem(password);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
