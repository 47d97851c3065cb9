import { endpoints } from "@/lib/api/endpoints";
import { checkHealth } from "@/lib/server/health";
import { handle, json } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

// GET /api/health – liveness plus a database round trip; 503 when the database is unreachable
export const GET = handle(endpoints.health, async () => {
  const health = await checkHealth();
  return json(health, health.status === "ok" ? 200 : 503);
});
