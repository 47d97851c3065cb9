import { endpoints } from "@/lib/api/endpoints";
import { checkHealth } from "@/lib/server/health";
import { handle, json } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

// GET /api/health – liveness, database and (cluster) Redis round trips; 503 when the database is
// unreachable. Without Redis a node still serves REST: degraded, but 200, so a load balancer keeps it.
export const GET = handle(endpoints.health, async () => {
  const health = await checkHealth();
  return json(health, health.database === "ok" ? 200 : 503);
});
