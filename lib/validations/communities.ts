import { z } from "zod";
import { clearableText, httpUrl, idNumber, idString, imageUrl } from "./common";
import { usernameSchema } from "./auth";

const communityName = z.string().trim().min(1, "Name cannot be empty").max(100, "Name must be at most 100 characters");
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Colour must look like #7c3aed");

const communityFields = {
  name: communityName,
  description: clearableText(1000),
  icon: imageUrl.nullable().describe("Icon image URL (or POST an image to …/icon)"),
  color: hexColour.nullable(),
  banner_url: httpUrl.nullable(),
  display_name: clearableText(100),
  bio: clearableText(1000),
  is_public: z.boolean().describe("Listed in Discover and open to join (default true); otherwise only invites and admins bring people in"),
};

export const createCommunitySchema = z.strictObject({
  name: communityFields.name,
  description: communityFields.description.optional(),
  icon: communityFields.icon.optional(),
  color: communityFields.color.optional(),
  banner_url: communityFields.banner_url.optional(),
  display_name: communityFields.display_name.optional(),
  bio: communityFields.bio.optional(),
  is_public: communityFields.is_public.optional(),
});
export type CreateCommunityInput = z.output<typeof createCommunitySchema>;

export const updateCommunitySchema = createCommunitySchema
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: "Send at least one field to change" });
export type UpdateCommunityInput = z.output<typeof updateCommunitySchema>;

export const membersQuery = z.object({ community_id: idString });

export const addMemberSchema = z
  .strictObject({ community_id: idNumber, user_id: idNumber.optional(), username: usernameSchema.optional() })
  .refine((body) => (body.user_id === undefined) !== (body.username === undefined), {
    message: "Send exactly one of user_id or username",
    path: ["user_id"],
  });
export type AddMemberInput = z.output<typeof addMemberSchema>;

export const memberParams = z.strictObject({ id: idString, user_id: idString });

/** Discord's ceiling: a timeout ends at most 28 days from now. */
export const MAX_TIMEOUT_MS = 28 * 24 * 60 * 60 * 1000;

export const updateMemberSchema = z
  .strictObject({
    role: z.enum(["admin", "member"]).optional(),
    /** Until when the member may only read; null ends a timeout. */
    timeout_until: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .refine((value) => value == null || Date.parse(value) > Date.now(), "must be in the future (null ends a timeout)")
      .refine((value) => value == null || Date.parse(value) <= Date.now() + MAX_TIMEOUT_MS, "must be at most 28 days ahead"),
    /** Recorded in the audit log. */
    reason: z.string().trim().max(512).optional(),
  })
  // One change per request, each with its own permission: nothing is half applied.
  .refine((body) => (body.role !== undefined) !== (body.timeout_until !== undefined), { message: "Send either role or timeout_until" });
export type UpdateMemberInput = z.output<typeof updateMemberSchema>;
