import { auditActionSchema, type AuditAction, type AuditTargetType } from "@/lib/api/entities";
import { db, type Tx } from "../db/client";

/** What the audit log records; the API filters by these names (`?action=`). Declared with the API's entities, which return them. */
export const AUDIT_ACTIONS = auditActionSchema.options;

export type { AuditAction, AuditTargetType };

export interface AuditEntryInput {
  communityId: number;
  actorId: number;
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: number | string;
  reason?: string | null;
  /** { field: { old, new } } for edits; the created object's fields for creations. */
  changes?: Record<string, unknown> | null;
}

/**
 * Records one administrative action. Pass the transaction that makes the change so that the entry
 * exists exactly when the change does.
 */
export async function recordAudit(client: Pick<Tx, "auditLogEntry"> | typeof db, entry: AuditEntryInput): Promise<void> {
  await client.auditLogEntry.create({
    data: {
      community_id: entry.communityId,
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: String(entry.targetId),
      reason: entry.reason ?? null,
      changes: entry.changes ? JSON.stringify(entry.changes) : null,
    },
  });
}

/** The fields of `after` that differ from `before`, as { field: { old, new } }; null when none. */
export function changedFields<T extends object>(before: T, after: Partial<T>): Record<string, { old: unknown; new: unknown }> | null {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = (before as Record<string, unknown>)[field];
    const comparable = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
    if (comparable(old) !== comparable(value)) changes[field] = { old: comparable(old) ?? null, new: comparable(value) ?? null };
  }
  return Object.keys(changes).length ? changes : null;
}
