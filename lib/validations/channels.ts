import { z } from "zod";
import { clearableText, idNumber } from "./common";
import { usernameSchema } from "./auth";

const channelName = z.string().trim().min(1, "Name cannot be empty").max(100, "Name must be at most 100 characters");
const channelType = z.enum(["text", "voice", "private", "announcement"]);

/**
 * Text, announcement and private channels are named as in Discord: lowercase, each run of spaces
 * one hyphen ("Game Night" becomes "game-night"). Voice channels keep the name as typed.
 */
export function formatChannelName(type: z.infer<typeof channelType>, name: string): string {
  return type === "voice" ? name : name.toLowerCase().replace(/\s+/g, "-");
}

export const createChannelSchema = z.strictObject({
  name: channelName,
  type: channelType.default("text"),
  description: clearableText(1024).optional(),
});
export type CreateChannelInput = z.output<typeof createChannelSchema>;

export const updateChannelSchema = z
  .strictObject({
    name: channelName.optional(),
    type: channelType.optional(),
    description: clearableText(1024).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    /** Slowmode in seconds (0 = off), at most 6 hours like Discord. */
    rate_limit_per_user: z.number().int().min(0).max(21_600).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Send at least one field to change" });
export type UpdateChannelInput = z.output<typeof updateChannelSchema>;

export const channelMemberSchema = z
  .strictObject({ user_id: idNumber.optional(), username: usernameSchema.optional() })
  .refine((body) => (body.user_id === undefined) !== (body.username === undefined), {
    message: "Send exactly one of user_id or username",
    path: ["user_id"],
  });
export type ChannelMemberInput = z.output<typeof channelMemberSchema>;
