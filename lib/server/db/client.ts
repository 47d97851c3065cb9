import { getConfig } from "../config";
import type { Engine } from "./engine";
import { createPostgresEngine } from "./postgres";
import { createSqliteEngine } from "./sqlite";

export type { Prisma } from "./generated/client";
export type { TransactionOptions, Tx } from "./engine";

function createEngine(): Engine {
  const { databaseUrl, databaseProvider, databasePoolSize, redisUrl } = getConfig();
  return databaseProvider === "postgresql"
    ? createPostgresEngine(databaseUrl, databasePoolSize, { announceAcrossProcesses: Boolean(redisUrl) })
    : createSqliteEngine(databaseUrl);
}

// One engine per process, picked once from the DATABASE_URL scheme: the custom server and Next's
// route-handler bundle each load this module, and both must share the same connections.
const globalForDb = globalThis as { __auraflowEngine?: Engine };
const engine = (globalForDb.__auraflowEngine ??= createEngine());

export const db = engine.db;

/** Runs `work` in one database transaction; domain functions do every multi-row write here. */
export const transaction = engine.transaction;

/** The hot-path queries, in the engine's own SQL (see engine.ts). */
export const queries = engine.queries;

export const isUniqueViolation = engine.isUniqueViolation;
export const isForeignKeyViolation = engine.isForeignKeyViolation;

/** Per-connection settings, applied once at start-up. */
export const tuneDatabase = () => engine.tune();
export const pingDatabase = () => engine.ping();
export const closeDatabase = () => engine.close();
