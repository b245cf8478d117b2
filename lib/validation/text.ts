// Text from outside, judged in one place: every API body, console action, webhook field and
// token claim takes its strings through these. PostgreSQL cannot store NUL (the statement
// fails, and with it every other row of a batch), an unpaired surrogate is not text at all
// (it has no UTF-8 form), and other control characters hide or reorder what an operator reads.
import { z } from 'zod';

/** C0 controls, DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, but tab, line feed and carriage return may stand in multi-line text. */
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const NO_CONTROLS = 'must not contain NUL or other control characters';
export const NO_CONTROLS_MULTILINE = 'must not contain NUL or control characters other than tab and line breaks';
export const WELL_FORMED = 'must be valid Unicode (no unpaired surrogates)';

/** Why `value` cannot be stored as text, or null when it can. */
export function textProblem(value: string, { multiline = false }: { multiline?: boolean } = {}): string | null {
  if ((multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(value))
    return multiline ? NO_CONTROLS_MULTILINE : NO_CONTROLS;
  if (LONE_SURROGATE.test(value)) return WELL_FORMED;
  return null;
}

type TextOptions = {
  /** At most this many UTF-16 code units, after trimming. */
  max: number;
  /** At least this many, after trimming (default 0: an empty string is allowed). */
  min?: number;
  /** Tab and line breaks allowed (rules text, an address); other controls never are. */
  multiline?: boolean;
  tooShort?: string;
  tooLong?: string;
};

/**
 * Text a person typed (a name, a reason, rules): white space around it is dropped, then it is
 * checked for control characters and unpaired surrogates, and bounded.
 */
export function text({ max, min = 0, multiline = false, tooShort, tooLong }: TextOptions) {
  return z
    .string()
    .trim()
    .min(min, tooShort ?? (min === 1 ? 'must not be blank' : `use at least ${min} characters`))
    .max(max, tooLong ?? `use at most ${max} characters`)
    .refine(
      (v) => !(multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(v),
      multiline ? NO_CONTROLS_MULTILINE : NO_CONTROLS,
    )
    .refine((v) => !LONE_SURROGATE.test(v), WELL_FORMED);
}

/**
 * An identifier another system chose (a user, device or event id, an event type): taken exactly
 * as sent, 1 to `max` characters. White space around it is refused rather than trimmed, since
 * trimming would make two of that system's ids one of ours.
 */
export function externalId({ max }: { max: number }) {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(max, `use at most ${max} characters`)
    .refine((v) => v.trim() === v, 'must not start or end with white space')
    .refine((v) => !CONTROL.test(v), NO_CONTROLS)
    .refine((v) => !LONE_SURROGATE.test(v), WELL_FORMED);
}

/** The same rule as externalId, for code that must not throw (a token's claims). */
export function isExternalId(value: unknown, max: number): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= max &&
    value.trim() === value &&
    textProblem(value) === null
  );
}
