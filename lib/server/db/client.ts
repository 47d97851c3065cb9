import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getConfig } from "../config";
import { PrismaClient, type Prisma } from "./generated/client";
import { sqliteFileFromUrl } from "./url";

export type { Prisma };
export type Tx = Prisma.TransactionClient;

interface Database {
  db: PrismaClient;
  transaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
}

/** A FIFO lock: each caller runs after every earlier caller has finished. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * SQLite through the better-sqlite3 adapter is a single connection. Prisma's adapter locks only
 * transactions against each other, so a plain query from another request that runs while an
 * interactive transaction awaits would execute inside that transaction (and be rolled back with
 * it). Every operation therefore takes its turn on one queue; queries issued from inside a
 * transaction callback are already holding it.
 */
function createSqliteDatabase(url: string): Database {
  const base = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFileFromUrl(url), timeout: 10_000 }) });
  const queue = new SerialQueue();
  const insideTransaction = new AsyncLocalStorage<true>();

  const db = base.$extends({
    query: {
      $allOperations({ args, query }) {
        if (insideTransaction.getStore()) return query(args);
        return queue.run(() => query(args));
      },
    },
  }) as unknown as PrismaClient;

  return {
    db,
    transaction: (work) =>
      queue.run(() => insideTransaction.run(true, () => base.$transaction((tx) => work(tx), { timeout: 10_000 }))),
  };
}

function createDatabase(): Database {
  return createSqliteDatabase(getConfig().databaseUrl);
}

// One client per process: the custom server and Next's route-handler bundle each load this module,
// and both must share the same connection (and queue).
const globalForDb = globalThis as { __auraflowDatabase?: Database };
const database = (globalForDb.__auraflowDatabase ??= createDatabase());

export const db = database.db;

/** Runs `work` in one database transaction; domain functions do every multi-row write here. */
export const transaction = database.transaction;

/** Per-connection settings, applied once at start-up. */
export async function tuneDatabase(): Promise<void> {
  if (getConfig().databaseProvider === "sqlite") {
    await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}
