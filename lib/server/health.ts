import { checkRedis, type RedisHealth } from "./cluster";
import { getConfig } from "./config";
import { pingDatabase } from "./db/client";

export interface Health {
  status: "ok" | "degraded";
  database: "ok" | "unreachable";
  /** Cluster mode only: real-time events, presence and typing need it; REST keeps working without. */
  redis?: RedisHealth;
  /** Cluster mode only: the node that answered. */
  node?: string;
  uptime_seconds: number;
}

export async function checkHealth(): Promise<Health> {
  const [database, redis] = await Promise.all([
    pingDatabase().then(
      () => "ok" as const,
      () => "unreachable" as const,
    ),
    checkRedis(),
  ]);
  return {
    status: database === "ok" && (redis ?? "ok") === "ok" ? "ok" : "degraded",
    database,
    ...(redis ? { redis, node: getConfig().nodeId } : {}),
    uptime_seconds: Math.round(process.uptime()),
  };
}
