import { z } from "zod";
import { auditActionSchema } from "../api/entities";
import { clearableText, idString, paginationQuery } from "./common";

export const banSchema = z.strictObject({
  reason: clearableText(512).optional().describe("Shown to managers in the ban list and the audit log"),
  delete_message_seconds: z
    .number()
    .int()
    .min(0)
    .max(604_800)
    .default(0)
    .describe("Also delete the user's messages in this community from the last this many seconds, 0–604800"),
});
export type BanInput = z.output<typeof banSchema>;

export const auditLogQuery = paginationQuery.pick({ limit: true }).extend({
  before: idString.optional().describe("Only entries older than this entry id (the next page: the last id of this one)"),
  action: auditActionSchema.optional().describe("Only entries of this action"),
  actor_id: idString.optional().describe("Only entries by this user"),
});
export type AuditLogQuery = z.output<typeof auditLogQuery>;
