import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getConfig } from "../config";
import { PrismaClient, type Prisma } from "./generated/client";
import { sqliteFileFromUrl } from "./url";

export type { Prisma };
export type Tx = Prisma.TransactionClient;

/** The slice of a better-sqlite3 connection that `sql.ts` uses. */
export interface SqliteConnection {
  prepare(source: string): SqliteStatement;
}

export interface SqliteStatement {
  reader: boolean;
  safeIntegers(on: boolean): SqliteStatement;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}

interface Database {
  db: PrismaClient;
  transaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
  /**
   * Resolves with Prisma's own SQLite connection once no transaction is open on it, or at once
   * from inside a `transaction` callback. Statements run synchronously on it from there are
   * therefore never inside anyone else's transaction.
   */
  connection: () => Promise<SqliteConnection>;
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
  const factory = new PrismaBetterSQLite3({ url: sqliteFileFromUrl(url), timeout: 10_000 });
  // The adapter owns the one connection; keep a handle on it, and count the transactions it
  // opens (interactive ones and Prisma's own) so that direct statements can wait them out.
  let connection: SqliteConnection | undefined;
  let openTransactions = 0;
  let idle: (() => void)[] = [];
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client: SqliteConnection }).client;
    connection = client;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => {
      if (connection === client) connection = undefined; // $disconnect: the next statement reconnects
      return dispose();
    };
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      // Counted from before BEGIN: the awaits between BEGIN and our seeing the transaction must
      // not let a direct statement slip into it.
      openTransactions++;
      let open = true;
      const close = () => {
        if (!open) return;
        open = false;
        if (--openTransactions === 0) for (const wake of idle.splice(0)) wake();
      };
      let tx: Awaited<ReturnType<typeof startTransaction>>;
      try {
        tx = await startTransaction(isolationLevel);
      } catch (error) {
        close();
        throw error;
      }
      const commit = tx.commit.bind(tx);
      const rollback = tx.rollback.bind(tx);
      tx.commit = () => commit().finally(close);
      tx.rollback = () => rollback().finally(close);
      return tx;
    };
    return adapter;
  };

  const base = new PrismaClient({ adapter: factory });
  const queue = new SerialQueue();
  const insideTransaction = new AsyncLocalStorage<true>();

  async function directConnection(): Promise<SqliteConnection> {
    if (!connection) await base.$connect();
    if (insideTransaction.getStore()) return connection!;
    while (openTransactions > 0) await new Promise<void>((resolve) => idle.push(resolve));
    return connection!;
  }

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
    connection: directConnection,
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

/** The SQLite connection for direct prepared statements; use it through `sql.ts`. */
export const connection = database.connection;

/** Per-connection settings, applied once at start-up. */
export async function tuneDatabase(): Promise<void> {
  if (getConfig().databaseProvider === "sqlite") {
    await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
    await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  }
}
