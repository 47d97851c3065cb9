import { AsyncLocalStorage } from "node:async_hooks";
import type { Engine } from "../engine";
import { PrismaClient } from "../generated/client";
import { sqliteFileFromUrl } from "../url";
import { trackedAdapter } from "./connection";
import { sqliteQueries } from "./queries";
import { Statements } from "./statements";

/** A FIFO lock: each caller runs after every earlier caller has finished. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const UNIQUE_CODES = new Set(["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "P2002"]);
const FOREIGN_KEY_CODES = new Set(["SQLITE_CONSTRAINT_FOREIGNKEY", "P2003"]);
const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code;

/**
 * SQLite is one connection. Prisma's adapter locks only transactions against each other, so a
 * plain query from another request that runs while an interactive transaction awaits would execute
 * inside that transaction (and be rolled back with it). Every Prisma operation therefore takes its
 * turn on one queue; queries issued from inside a transaction callback already hold it. The hot
 * queries wait for open transactions instead (see connection.ts).
 */
export function createSqliteEngine(url: string): Engine {
  const { factory, connection } = trackedAdapter(sqliteFileFromUrl(url));
  const base = new PrismaClient({ adapter: factory });
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
  const statements = new Statements(() => connection.acquire(insideTransaction.getStore() === true, () => base.$connect()));

  return {
    provider: "sqlite",
    db,
    // `exclusive` needs nothing here: every transaction already runs alone.
    transaction: (work) =>
      queue.run(() => insideTransaction.run(true, () => base.$transaction((tx) => work(tx), { timeout: 10_000 }))),
    queries: sqliteQueries(statements),
    isUniqueViolation: (error) => UNIQUE_CODES.has(codeOf(error) as string),
    isForeignKeyViolation: (error) => FOREIGN_KEY_CODES.has(codeOf(error) as string),
    async tune() {
      await statements.run("PRAGMA synchronous = NORMAL");
      await statements.run("PRAGMA foreign_keys = ON");
    },
    async ping() {
      await statements.one("SELECT 1");
    },
    close: () => base.$disconnect(),
  };
}
