import { z } from "zod";

const MAX_ID = 2_147_483_647;

/** An id in a path or query string: digits only, so "1e3", "0x10", "-1" and "abc" are refused. */
export const idString = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, "Must be a positive integer id")
  .transform(Number)
  .pipe(z.number().max(MAX_ID, "Id is out of range"));

/** An id in a JSON body: a number, never a numeric string. */
export const idNumber = z.number("Must be a number").int("Must be an integer").positive("Must be a positive id").max(MAX_ID, "Id is out of range");

export function integerQuery(min: number, max: number) {
  return z
    .string()
    .regex(/^[0-9]{1,9}$/, "Must be a non-negative integer")
    .transform(Number)
    .pipe(z.number().min(min, `Must be at least ${min}`).max(max, `Must be at most ${max}`));
}

export const idParams = z.strictObject({ id: idString });

export const paginationQuery = z.object({
  limit: integerQuery(1, 100).default(50).describe("Page size, 1–100 (default 50)"),
  offset: integerQuery(0, 1_000_000).default(0).describe("Items to skip (default 0)"),
});
export type Pagination = z.output<typeof paginationQuery>;

export const messagePageQuery = paginationQuery
  .extend({
    before: idString.optional().describe("Only messages older than this id"),
    after: z
      .string()
      .regex(/^(0|[1-9][0-9]{0,9})$/, "Must be a message id, or 0 for the beginning")
      .transform(Number)
      .optional()
      .describe("Only messages newer than this id (catch-up); 0 for the beginning"),
    around: idString.optional().describe("Messages centred on this id, which is included"),
  })
  .refine((query) => [query.before, query.after, query.around].filter((v) => v !== undefined).length <= 1, {
    message: "Use at most one of before, after and around",
    path: ["before"],
  });
export type MessagePageQuery = z.output<typeof messagePageQuery>;

export const httpUrl = z
  .url({ protocol: /^https?$/, message: "Must be an http(s) URL" })
  .max(2048, "URL must be at most 2048 characters");

/** An image: an http(s) URL, or an uploaded one of this server (what the avatar and icon uploads set). */
export const imageUrl = z.union([
  httpUrl,
  z.string().regex(/^\/api\/attachments\/[1-9][0-9]{0,9}\/[^/?#]{1,600}$/, "Must be an http(s) URL or an uploaded image's /api/attachments/… path"),
]);

/** Optional text that a PATCH may clear with null or "". */
export function clearableText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Must be at most ${max} characters`)
    .nullable()
    .transform((value) => (value === "" ? null : value));
}
