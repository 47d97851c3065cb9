import { db } from "./db/client";

export interface Health {
  status: "ok" | "degraded";
  database: "ok" | "unreachable";
  uptime_seconds: number;
}

export async function checkHealth(): Promise<Health> {
  let database: Health["database"] = "ok";
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch {
    database = "unreachable";
  }
  return {
    status: database === "ok" ? "ok" : "degraded",
    database,
    uptime_seconds: Math.round(process.uptime()),
  };
}
