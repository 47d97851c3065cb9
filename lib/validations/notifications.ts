import { z } from "zod";
import { notificationLevelSchema } from "../api/entities";
import { idString, paginationQuery } from "./common";

export const notificationSettingInput = z.strictObject({
  level: notificationLevelSchema,
  muted_until: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .describe("Muted until then (no rail badges at all; a far date mutes until changed); null or absent: not muted"),
});
export type NotificationSettingInput = z.output<typeof notificationSettingInput>;

export const mentionsQuery = paginationQuery.pick({ limit: true }).extend({
  before: idString.optional().describe("Only messages older than this id (the next page: the last id of this one)"),
});
export type MentionsQuery = z.output<typeof mentionsQuery>;
