import { z } from "zod";
import { displayNameSchema } from "./auth";
import { imageUrl } from "./common";

export const customStatusSchema = z
  .string()
  .trim()
  .max(128, "Custom status must be at most 128 characters")
  .nullable()
  .transform((value) => (value === "" ? null : value));

export const updateProfileSchema = z
  .strictObject({
    display_name: displayNameSchema.nullable().optional().describe("null resets it to the username"),
    avatar_url: imageUrl.nullable().optional(),
    status: z.enum(["online", "idle", "dnd", "offline"]).optional().describe("offline appears offline to others"),
    custom_status: customStatusSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Send at least one field to change" });
export type UpdateProfileInput = z.output<typeof updateProfileSchema>;

export const userSearchQuery = z.object({
  q: z.string().trim().min(1, "Search needs at least 1 character").max(64, "Search is at most 64 characters"),
});

export const deleteAccountSchema = z.strictObject({
  password: z.string().min(1, "Enter your password to delete your account").max(128),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountSchema>;
