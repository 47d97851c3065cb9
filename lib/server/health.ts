import { pingDatabase } from "./db/client";

export interface Health {
  status: "ok" | "degraded";
  database: "ok" | "unreachable";
  uptime_seconds: number;
}

export async function checkHealth(): Promise<Health> {
  let database: Health["database"] = "ok";
  try {
    await pingDatabase();
  } catch {
    database = "unreachable";
  }
  return {
    status: database === "ok" ? "ok" : "degraded",
    database,
    uptime_seconds: Math.round(process.uptime()),
  };
}
