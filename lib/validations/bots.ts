import { z } from "zod";
import { displayNameSchema, usernameSchema } from "./auth";
import { imageUrl } from "./common";

export const createBotSchema = z.strictObject({
  username: usernameSchema,
  display_name: displayNameSchema.optional(),
  avatar_url: imageUrl.nullable().optional(),
  is_ai: z.boolean().optional().describe("An AI bot: it may send message_type ai, naming its model on each (default false)"),
});
export type CreateBotInput = z.output<typeof createBotSchema>;

export const updateBotSchema = z
  .strictObject({
    display_name: displayNameSchema.nullable().optional().describe("null resets it to the username"),
    avatar_url: imageUrl.nullable().optional(),
    is_ai: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Send at least one field to change" });
export type UpdateBotInput = z.output<typeof updateBotSchema>;
