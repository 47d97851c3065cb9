import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";

// SQLite through Prisma's better-sqlite3 adapter is one connection. The hot queries run prepared
// statements on that same connection (a second connection would wait on the write lock
// synchronously, blocking the event loop that the open transaction needs to finish). So the
// adapter is wrapped, through its public interface, to count the transactions it opens: a direct
// statement waits until none is open, and never lands inside someone else's transaction.

/**
 * The better-sqlite3 handle inside Prisma's adapter. The adapter does not expose it; this is the
 * one place that reaches for the private field, and it fails loudly should a Prisma upgrade move it
 * (tests/db-sqlite-engine.test.ts covers it).
 */
export function driverConnection(adapter: SqlDriverAdapter): Database.Database {
  const client = (adapter as unknown as { client?: unknown }).client;
  if (!(client instanceof Database)) {
    throw new Error("@prisma/adapter-better-sqlite3 no longer keeps its connection in `client`: update lib/server/db/sqlite/connection.ts");
  }
  return client;
}

export interface TrackedConnection {
  /**
   * Prisma's connection once no transaction is open on it, or at once when `inside` (the caller
   * runs in a transaction callback). `connect` opens it through Prisma when it is not open.
   */
  acquire(inside: boolean, connect: () => Promise<void>): Promise<Database.Database>;
}

/** A transaction that tells `onClose` once, when it commits or rolls back. */
function closingTransaction(tx: Transaction, onClose: () => void): Transaction {
  let open = true;
  const close = () => {
    if (open) {
      open = false;
      onClose();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query: SqlQuery) => tx.queryRaw(query),
    executeRaw: (query: SqlQuery) => tx.executeRaw(query),
    commit: () => tx.commit().finally(close),
    rollback: () => tx.rollback().finally(close),
  };
}

/**
 * The adapter factory Prisma is given, plus the handle the hot queries use. Transactions are
 * counted from before BEGIN: the awaits between BEGIN and Prisma's first statement must not let a
 * direct statement slip in.
 */
export function trackedAdapter(file: string): { factory: SqlMigrationAwareDriverAdapterFactory; connection: TrackedConnection } {
  const inner = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  let current: Database.Database | undefined;
  let openTransactions = 0;
  const idle: (() => void)[] = [];
  const closed = () => {
    if (--openTransactions === 0) for (const wake of idle.splice(0)) wake();
  };

  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const client = driverConnection(adapter);
    current = client;
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      queryRaw: (query) => adapter.queryRaw(query),
      executeRaw: (query) => adapter.executeRaw(query),
      executeScript: (script) => adapter.executeScript(script),
      getConnectionInfo: adapter.getConnectionInfo && (() => adapter.getConnectionInfo!()),
      async startTransaction(isolationLevel) {
        openTransactions++;
        try {
          return closingTransaction(await adapter.startTransaction(isolationLevel), closed);
        } catch (error) {
          closed();
          throw error;
        }
      },
      dispose() {
        // $disconnect: the next statement reconnects through Prisma.
        if (current === client) current = undefined;
        return adapter.dispose();
      },
    };
  };

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wrap(await inner.connect()),
    connectToShadowDb: () => inner.connectToShadowDb(),
  };

  return {
    factory,
    connection: {
      async acquire(inside, connect) {
        if (!current) await connect();
        if (inside) return current!;
        while (openTransactions > 0) await new Promise<void>((resolve) => idle.push(resolve));
        return current!;
      },
    },
  };
}
