// A language tag such as zh-CN or en (BCP 47's common shapes): the key of a translation.
import { z } from 'zod';

export const LanguageTag = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'a language tag such as zh-CN or en');
