import type { AiProvenance } from "@/lib/api/entities";

/** The provenance columns of messages and direct_messages. */
export interface AiColumns {
  ai_model: string | null;
  ai_requested_by: number | null;
  ai_requester: string | null;
}

/** A row's `ai` field: set exactly when a model wrote it. */
export function aiProvenance(row: AiColumns): AiProvenance | null {
  if (row.ai_model === null) return null;
  return { model: row.ai_model, requested_by: row.ai_requested_by === null ? null : { id: row.ai_requested_by, username: row.ai_requester ?? "" } };
}

/** The provenance columns to write for `ai` (all null for anything a model did not write). */
export function aiColumns(ai: AiProvenance | null | undefined): AiColumns {
  return { ai_model: ai?.model ?? null, ai_requested_by: ai?.requested_by?.id ?? null, ai_requester: ai?.requested_by?.username ?? null };
}
