import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { postgresPool } from "./postgres";
import type { TestServer } from "./server";

// The tests' own view of a server's database, behind its back: the same calls on SQLite and on
// PostgreSQL. SQL is written with `?` placeholders and in the SQL both engines understand.

type Row = Record<string, unknown>;

export interface TestDb {
  /** The first row of the result, or undefined. */
  one<T = Row>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  all<T = Row>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** `SELECT COUNT(*) FROM` the rest: `count("messages WHERE nonce = ?", nonce)`. */
  count(fromWhere: string, ...params: unknown[]): Promise<number>;
  /** Changes rows behind the server's back (to age a row, say); resolves with how many changed. */
  exec(sql: string, ...params: unknown[]): Promise<number>;
  /** Row counts of every table of the app. */
  tableCounts(): Promise<Record<string, number>>;
  /** Every row of every table of the app, in primary-key order: equal dumps mean nothing changed. */
  dump(): Promise<Record<string, Row[]>>;
  /** sha256 of dump(), for comparing states without holding them. */
  digest(): Promise<string>;
  /** The value to bind for a DateTime column. */
  timestamp(date: Date): string;
}

/** Where a server keeps its rows: the PostgreSQL database when databaseUrl is set, else the SQLite file. */
export type DatabaseLocation = Pick<TestServer, "dbFile" | "databaseUrl">;

interface Connection {
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  exec(sql: string, params: unknown[]): Promise<number>;
  close(): void;
}

/** What differs between the engines. */
interface Engine {
  connect(access: "read" | "write"): Connection;
  /**
   * A query for (table_name, column_name): the primary-key columns of every table of the app (not
   * the migrations table, not the engine's own, not the search index, which follows the messages),
   * in key order; column_name null for a table without.
   */
  keyColumnsSql: string;
}

/**
 * A connection per operation, read-only unless it writes: nothing stays open when the server stops,
 * and WAL lets it work beside the server's own.
 */
function sqlite(file: string): Engine {
  return {
    connect(access) {
      const connection = new Database(file, { readonly: access === "read", fileMustExist: true, timeout: 5000 });
      return {
        all: async (sql, params = []) => connection.prepare(sql).all(...params) as Row[],
        exec: async (sql, params) => connection.prepare(sql).run(...params).changes,
        close: () => connection.close(),
      };
    },
    keyColumnsSql: `
      SELECT m.name AS table_name, k.name AS column_name
      FROM pragma_table_list() m LEFT JOIN pragma_table_info(m.name) k ON k.pk > 0
      WHERE m.schema = 'main' AND m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_prisma_migrations'
      ORDER BY m.name, k.pk`,
  };
}

/** `?` placeholders as PostgreSQL's `$1…$n`; a `?` inside a quoted literal or identifier stays. */
function positional(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (match) => (match === "?" ? `$${++n}` : match));
}

/** The database's pool (ended when its server stops) serves every operation. */
function postgres(url: string): Engine {
  const pool = postgresPool(url);
  return {
    connect: () => ({
      all: async (sql, params = []) => (await pool.query(positional(sql), params)).rows,
      exec: async (sql, params) => (await pool.query(positional(sql), params)).rowCount ?? 0,
      close: () => {},
    }),
    keyColumnsSql: `
      SELECT t.table_name, k.column_name
      FROM information_schema.tables t
      LEFT JOIN information_schema.table_constraints c
        ON c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY'
      LEFT JOIN information_schema.key_column_usage k
        ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name
      WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND t.table_name <> '_prisma_migrations'
      ORDER BY t.table_name, k.ordinal_position`,
  };
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

// A database's tables do not change after its server has migrated it; PostgreSQL's
// information_schema takes a few hundred milliseconds of CPU to answer, and bad-input asks twice
// per case.
const keysByDatabase = new Map<string, Promise<Map<string, string[]>>>();

/** Every table of the app with its primary-key columns, by name. */
function primaryKeys(connection: Connection, engine: Engine, database: string): Promise<Map<string, string[]>> {
  let keys = keysByDatabase.get(database);
  if (!keys) {
    keys = readPrimaryKeys(connection, engine);
    keys.catch(() => keysByDatabase.delete(database));
    keysByDatabase.set(database, keys);
  }
  return keys;
}

async function readPrimaryKeys(connection: Connection, engine: Engine): Promise<Map<string, string[]>> {
  const keys = new Map<string, string[]>();
  for (const { table_name, column_name } of (await connection.all(engine.keyColumnsSql)) as { table_name: string; column_name: string | null }[]) {
    if (column_name === null) throw new Error(`${table_name} has no primary key: its rows have no order to compare`);
    keys.set(table_name, [...(keys.get(table_name) ?? []), column_name]);
  }
  return keys;
}

/**
 * The database of the server `server()` resolves with, looked up on every call: a test world hands
 * this out before its server has started.
 */
export function testDb(server: () => DatabaseLocation | Promise<DatabaseLocation>): TestDb {
  async function using<T>(access: "read" | "write", work: (connection: Connection, engine: Engine, database: string) => Promise<T>): Promise<T> {
    const { databaseUrl, dbFile } = await server();
    const engine = databaseUrl ? postgres(databaseUrl) : sqlite(dbFile);
    const connection = engine.connect(access);
    try {
      return await work(connection, engine, databaseUrl ?? dbFile);
    } finally {
      connection.close();
    }
  }
  const all = <T>(sql: string, ...params: unknown[]) => using("read", (connection) => connection.all(sql, params) as Promise<T[]>);
  const dump = () =>
    using("read", async (connection, engine, database) => {
      const rows: Record<string, Row[]> = {};
      for (const [table, key] of await primaryKeys(connection, engine, database)) {
        rows[table] = await connection.all(`SELECT * FROM ${quote(table)} ORDER BY ${key.map(quote).join(", ")}`);
      }
      return rows;
    });
  return {
    all,
    one: async <T>(sql: string, ...params: unknown[]) => (await all<T>(sql, ...params))[0],
    count: async (fromWhere, ...params) => (await all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${fromWhere}`, ...params))[0].n,
    exec: (sql, ...params) => using("write", (connection) => connection.exec(sql, params)),
    tableCounts: () =>
      using("read", async (connection, engine, database) => {
        const tables = [...(await primaryKeys(connection, engine, database)).keys()];
        const [counts] = await connection.all(`SELECT ${tables.map((table) => `(SELECT COUNT(*) FROM ${quote(table)}) AS ${quote(table)}`).join(", ")}`);
        return counts as Record<string, number>;
      }),
    dump,
    digest: async () => createHash("sha256").update(JSON.stringify(await dump())).digest("hex"),
    // As Prisma's SQLite adapter stores a DateTime: ISO 8601 text with an explicit UTC offset, which
    // PostgreSQL reads as the same instant (timestamptz) or the same UTC wall time (timestamp).
    timestamp: (date) => date.toISOString().replace("Z", "+00:00"),
  };
}

/** The moment `minutes` ago, for rows a test ages: `db.exec("UPDATE … SET created_at = ?", db.timestamp(minutesAgo(11)))`. */
export const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
