import { z } from 'zod';
import { parseDuration } from './duration.js';

/** A duration setting (an env variable, a policy file field): parsed, or one issue with the accepted forms. */
export const durationSchema = z.string().transform((text, ctx) => {
  try {
    return parseDuration(text);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
    return z.NEVER;
  }
});
