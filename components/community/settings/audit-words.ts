import type { AuditAction, AuditLogEntry } from "@/lib/api/entities";
import { localMoment, shortDuration } from "@/lib/format";

export const AUDIT_ACTION_LABEL: Record<AuditAction, string> = {
  community_update: "Updated the community",
  channel_create: "Created a channel",
  channel_update: "Updated a channel",
  channel_delete: "Deleted a channel",
  channel_member_add: "Gave channel access",
  channel_member_remove: "Took channel access away",
  member_add: "Added a member",
  member_role_update: "Changed a role",
  member_kick: "Kicked a member",
  member_ban_add: "Banned a user",
  member_ban_remove: "Unbanned a user",
  member_timeout: "Timed out a member",
  message_delete: "Deleted a message",
  invite_create: "Created an invite",
  invite_delete: "Revoked an invite",
  webhook_create: "Created a webhook",
  webhook_delete: "Deleted a webhook",
};

/** Names the audit panel knows for ids: members and channels of the community. */
export interface KnownNames {
  users: Map<string, string>;
  channels: Map<string, string>;
}

export function describeTarget(entry: AuditLogEntry, names: KnownNames): string | null {
  const id = entry.target_id;
  if (!entry.target_type || id === null) return null;
  switch (entry.target_type) {
    case "user":
      return names.users.get(id) ?? `user #${id}`;
    case "channel":
      return names.channels.has(id) ? `#${names.channels.get(id)}` : `channel #${id}`;
    case "message":
      return `message #${id}`;
    case "invite":
      return `invite ${id}`;
    case "webhook":
      return `webhook #${id}`;
    case "community":
      return "the community";
  }
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "string" && ISO.test(value)) return localMoment(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** One line per changed field: "name: old → new" for edits, "field: value" for what was created or removed. */
export function describeChanges(changes: AuditLogEntry["changes"]): string[] {
  if (!changes) return [];
  return Object.entries(changes).map(([field, value]) => {
    const label = field.replaceAll("_", " ");
    if (value && typeof value === "object" && "old" in value && "new" in value) {
      const edit = value as { old: unknown; new: unknown };
      return `${label}: ${show(edit.old)} → ${show(edit.new)}`;
    }
    if (field.endsWith("_seconds") && typeof value === "number") return `${label}: ${value ? shortDuration(value) : "none"}`;
    return `${label}: ${show(value)}`;
  });
}
