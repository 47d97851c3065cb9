// Which database engine a run measures (BENCH_DB), and what that changes: baseline (b) and the
// scenarios that apply.
import type { DatabaseProvider } from "../../lib/server/db/url";
import type { TargetName } from "./protocol";

export type BenchEngine = DatabaseProvider;

/** Baseline (b) per engine: the app's database work on the bare driver, nothing between. */
export const BARE_BASELINE = { sqlite: "bare-sqlite", postgresql: "bare-pg" } as const satisfies Record<BenchEngine, TargetName>;

export const ENGINE_NAME: Record<BenchEngine, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };

/**
 * Scenario 6 compares Prisma with better-sqlite3 on one SQLite file: there is no PostgreSQL
 * counterpart. Scenario 7 runs the app in cluster mode, whose nodes share one PostgreSQL database
 * (a SQLite file belongs to one machine, and the app refuses REDIS_URL without PostgreSQL).
 */
export const ENGINE_SCENARIOS: Record<BenchEngine, number[]> = { sqlite: [1, 2, 3, 4, 5, 6, 8], postgresql: [1, 2, 3, 4, 5, 7, 8] };

/**
 * Run only when asked for (BENCH_SCENARIOS): scenario 8 seeds a million messages (a minute or two
 * per engine), which a default run should not spend; a run without it is not partial.
 */
export const OPT_IN_SCENARIOS = [8];

/** BENCH_DB: unset or `sqlite`, or `postgres` / `postgresql`. */
export function engineFromEnv(value = process.env.BENCH_DB): BenchEngine {
  if (!value || value === "sqlite") return "sqlite";
  if (value === "postgres" || value === "postgresql") return "postgresql";
  throw new Error(`BENCH_DB must be sqlite (the default) or postgres, got "${value}"`);
}
