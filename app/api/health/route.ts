import { checkHealth } from "@/lib/server/health";
import { json, publicRoute } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

// GET /api/health – liveness plus a database round trip; 503 when the database is unreachable
export const GET = publicRoute({}, async () => {
  const health = await checkHealth();
  return json(health, health.status === "ok" ? 200 : 503);
});
