import type { AuditLogEntry as AuditLogEntryDto } from "@/lib/api/entities";
import type { AuditLogQuery } from "@/lib/validations/moderation";
import { requirePermission } from "../access";
import { db } from "../db/client";
import type { AuditLogEntry } from "../db/generated/client";
import { iso, toUserIdentity, userIdentitySelect } from "../users/serialize";

type EntryRow = AuditLogEntry & { actor: Parameters<typeof toUserIdentity>[0] | null };

function toAuditLogEntry(row: EntryRow): AuditLogEntryDto {
  return {
    id: row.id,
    action: row.action as AuditLogEntryDto["action"],
    actor: row.actor && toUserIdentity(row.actor),
    target_type: row.target_type as AuditLogEntryDto["target_type"],
    target_id: row.target_id,
    reason: row.reason,
    changes: row.changes === null ? null : (JSON.parse(row.changes) as Record<string, unknown>),
    created_at: iso(row.created_at),
  };
}

/** Owners and admins read what was done in the community, newest first, a page at a time (`before` an entry id). */
export async function listAuditLog(userId: number, communityId: number, query: AuditLogQuery) {
  await requirePermission(userId, communityId, "readAuditLog", "read the audit log");
  const entries = await db.auditLogEntry.findMany({
    where: {
      community_id: communityId,
      ...(query.before !== undefined && { id: { lt: query.before } }),
      ...(query.action !== undefined && { action: query.action }),
      ...(query.actor_id !== undefined && { actor_id: query.actor_id }),
    },
    include: { actor: { select: userIdentitySelect } },
    orderBy: { id: "desc" },
    take: query.limit,
  });
  return entries.map(toAuditLogEntry);
}
