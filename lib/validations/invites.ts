import { z } from "zod";

const MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

/** An invite code in a path: letters and digits, as create-invite hands them out. */
export const inviteParams = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9]{8,10}$/, "Must be an invite code (8 to 10 letters and digits)"),
});

export const createInviteSchema = z.strictObject({
  max_uses: z.number().int().min(0).max(100).default(0).describe("How many people may join with it, 0–100 (0 = unlimited, the default)"),
  max_age_seconds: z
    .number()
    .int()
    .min(0)
    .max(MAX_AGE_SECONDS)
    .default(MAX_AGE_SECONDS)
    .describe("Seconds until it expires, 0–604800 (0 = never; default 7 days)"),
});
export type CreateInviteInput = z.output<typeof createInviteSchema>;
