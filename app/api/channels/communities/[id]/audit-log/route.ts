import { endpoints } from "@/lib/api/endpoints";
import { listAuditLog } from "@/lib/server/audit/list-audit-log";
import { handle, json } from "@/lib/server/http/route";

// GET /api/channels/communities/{id}/audit-log – administrative actions, newest first (owner or admin)
export const GET = handle(endpoints.listAuditLog, async ({ auth, params, query }) => json(await listAuditLog(auth.user.id, params.id, query)));
