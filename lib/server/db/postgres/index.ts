import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Engine } from "../engine";
import type { PrismaClient } from "../generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/client";
import { postgresQueries, type PostgresQueryOptions } from "./queries";

const UNIQUE_CODES = new Set(["23505", "P2002"]);
const FOREIGN_KEY_CODES = new Set(["23503", "P2003"]);
const EXCLUSIVE_LOCK = 3;
const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * PostgreSQL through one `pg.Pool` shared by Prisma (via its adapter) and the hot queries. No
 * queue: the server runs concurrent statements and transactions itself.
 */
export function createPostgresEngine(url: string, poolSize: number, options: Pick<PostgresQueryOptions, "announceAcrossProcesses">): Engine {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const lockPool = options.announceAcrossProcesses ? new pg.Pool({ connectionString: url, max: poolSize }) : undefined;
  lockPool?.on("error", (error) => console.error("[db] idle PostgreSQL lock connection failed:", error.message));
  // An idle client that errors (the server restarted, say) is dropped by the pool; without a
  // listener the error would crash the process.
  pool.on("error", (error) => console.error("[db] idle PostgreSQL connection failed:", error.message));
  // The generated clients of both engines have the same model API; the domain is typed against one.
  const db = new PostgresPrismaClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaClient;

  return {
    provider: "postgresql",
    db,
    transaction: (work, options) =>
      db.$transaction(
        async (tx) => {
          // Two-key advisory locks: apart from the migration lock and the insert locks (queries.ts).
          if (options?.exclusive) await tx.$queryRawUnsafe(`SELECT 1 FROM (SELECT pg_advisory_xact_lock(${EXCLUSIVE_LOCK}, hashtext($1))) AS exclusive`, options.exclusive);
          return work(tx);
        },
        { timeout: 10_000, maxWait: 10_000 },
      ),
    queries: postgresQueries(pool, { ...options, lockPool }),
    isUniqueViolation: (error) => UNIQUE_CODES.has(codeOf(error) as string),
    isForeignKeyViolation: (error) => FOREIGN_KEY_CODES.has(codeOf(error) as string),
    async tune() {},
    async ping() {
      await pool.query("SELECT 1");
    },
    async close() {
      await db.$disconnect();
      await Promise.all([pool.end(), lockPool?.end()]);
    },
  };
}
