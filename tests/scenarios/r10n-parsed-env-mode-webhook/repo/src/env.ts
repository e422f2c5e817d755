import { z } from 'zod';

const EnvSchema = z.object({
  BOT_TOKEN: z.string(),
  BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
  PUBLIC_URL: z.string().url().optional(),
});

export const env = EnvSchema.parse(process.env);
