import { z } from "zod";
import { idParams, paginationQuery } from "./common";

export const reactionParams = z.strictObject({
  id: idParams.shape.id,
  emoji: z
    .string()
    .min(1, "emoji is required")
    .max(200, "emoji must be one emoji")
    .describe("One Unicode emoji, URL-encoded (👍 is %F0%9F%91%8D); with or without U+FE0F, skin tones included"),
});

export const reactionUsersQuery = z.object({
  limit: paginationQuery.shape.limit.unwrap().default(25).describe("How many users, 1–100 (default 25)"),
});
