import type Database from "better-sqlite3";

// Statements prepared once per connection: through Prisma each hot query costs about a
// millisecond of CPU (query compilation and a fresh prepare per execution in the adapter); as a
// statement prepared once on the same connection it costs a few microseconds (`npm run bench`).
// Values are stored exactly as Prisma stores them, so rows written here and rows written through
// Prisma read back the same either way.

export type SqlValue = string | number | bigint | boolean | Date | null | undefined;

/** A DateTime as Prisma's SQLite adapter writes it (ISO 8601, `+00:00`). */
export const toSqlDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** Reads what Prisma or an SQL default (`CURRENT_TIMESTAMP`, UTC without a zone) wrote. */
export function fromSqlDate(value: string | number): Date {
  if (typeof value === "number") return new Date(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(" ", "T")}Z`);
}

const STORED_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

/** The API's ISO 8601 string for a stored DateTime, without building a Date in the common case. */
export function isoFromSql(value: string | number): string {
  return typeof value === "string" && STORED_UTC.test(value) ? `${value.slice(0, 23)}Z` : fromSqlDate(value).toISOString();
}

export const isoOrNullFromSql = (value: string | number | null) => (value === null ? null : isoFromSql(value));

/** Turns the named DateTime columns of a row into Dates, as Prisma returns them. */
export function withDates<Row>(row: Record<string, unknown>, columns: readonly string[]): Row {
  for (const column of columns) {
    const value = row[column];
    if (value !== null && value !== undefined) row[column] = fromSqlDate(value as string | number);
  }
  return row as Row;
}

function bind(params: SqlValue[]): unknown[] {
  return params.map((value) => {
    if (value === undefined) return null;
    if (value instanceof Date) return toSqlDate(value);
    if (typeof value === "boolean") return value ? 1 : 0;
    return value;
  });
}

export interface SyncStatements {
  one<Row>(source: string, ...params: SqlValue[]): Row | undefined;
  all<Row>(source: string, ...params: SqlValue[]): Row[];
  run(source: string, ...params: SqlValue[]): number;
}

/** Runs statements on one connection, each prepared the first time it is used there. */
export class Statements {
  // Per connection: should Prisma reconnect, statements of the closed connection are not reused.
  private readonly cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

  constructor(private readonly connection: () => Promise<Database.Database>) {}

  private preparedOn(conn: Database.Database, source: string): Database.Statement {
    let statements = this.cache.get(conn);
    if (!statements) this.cache.set(conn, (statements = new Map()));
    let statement = statements.get(source);
    if (!statement) {
      statement = conn.prepare(source).safeIntegers(false);
      statements.set(source, statement);
    }
    return statement;
  }

  private async prepared(source: string): Promise<Database.Statement> {
    return this.preparedOn(await this.connection(), source);
  }

  /**
   * Runs `work` synchronously: no other statement of this process runs between its statements.
   * As one transaction unless told otherwise (a single statement needs none): a throw rolls them all back.
   */
  async atomically<T>(work: (sql: SyncStatements) => T, { transaction = true } = {}): Promise<T> {
    const conn = await this.connection();
    const statement = (source: string) => this.preparedOn(conn, source);
    const sync: SyncStatements = {
      one: <Row>(source: string, ...params: SqlValue[]) => statement(source).get(...bind(params)) as Row | undefined,
      all: <Row>(source: string, ...params: SqlValue[]) => statement(source).all(...bind(params)) as Row[],
      run: (source: string, ...params: SqlValue[]) => statement(source).run(...bind(params)).changes,
    };
    return transaction ? conn.transaction(() => work(sync))() : work(sync);
  }

  async one<Row>(source: string, ...params: SqlValue[]): Promise<Row | undefined> {
    return (await this.prepared(source)).get(...bind(params)) as Row | undefined;
  }

  async all<Row>(source: string, ...params: SqlValue[]): Promise<Row[]> {
    return (await this.prepared(source)).all(...bind(params)) as Row[];
  }

  async run(source: string, ...params: SqlValue[]): Promise<number> {
    return (await this.prepared(source)).run(...bind(params)).changes;
  }
}
