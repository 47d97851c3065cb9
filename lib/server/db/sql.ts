import { connection, type SqliteConnection, type SqliteStatement } from "./client";

// Direct SQL for the hottest paths (authentication, the channel access check, sending and paging
// messages, the socket handshake), measured by `npm run bench`: through Prisma each of these
// costs about a millisecond of CPU (query compilation and interpretation, and a fresh
// prepare per execution in the adapter); as a statement prepared once on the same connection it
// costs a few microseconds. Everything else goes through Prisma.
//
// Statements run on Prisma's own connection, never inside someone else's transaction (see
// `connection` in client.ts). Values are stored exactly as Prisma stores them, so rows written
// here and rows written through Prisma read back the same either way.

export type SqlValue = string | number | bigint | boolean | Date | null | undefined;

// Per connection: should Prisma ever reconnect, statements of the closed connection are not reused.
const statementsOf = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();

async function prepared(source: string): Promise<SqliteStatement> {
  const conn = await connection();
  let statements = statementsOf.get(conn);
  if (!statements) statementsOf.set(conn, (statements = new Map()));
  let statement = statements.get(source);
  if (!statement) {
    statement = conn.prepare(source).safeIntegers(false);
    statements.set(source, statement);
  }
  return statement;
}

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

function bind(params: SqlValue[]): unknown[] {
  return params.map((value) => {
    if (value === undefined) return null;
    if (value instanceof Date) return toSqlDate(value);
    if (typeof value === "boolean") return value ? 1 : 0;
    return value;
  });
}

/** First row of a query, or undefined. */
export async function queryOne<Row>(source: string, ...params: SqlValue[]): Promise<Row | undefined> {
  return (await prepared(source)).get(...bind(params)) as Row | undefined;
}

export async function queryAll<Row>(source: string, ...params: SqlValue[]): Promise<Row[]> {
  return (await prepared(source)).all(...bind(params)) as Row[];
}

export async function execute(source: string, ...params: SqlValue[]): Promise<number> {
  return (await prepared(source)).run(...bind(params)).changes;
}

/** Turns the named DateTime columns of a row read here into Dates, as Prisma would return them. */
export function withDates<Row>(row: Record<string, unknown>, columns: readonly string[]): Row {
  for (const column of columns) {
    const value = row[column];
    if (value !== null && value !== undefined) row[column] = fromSqlDate(value as string | number);
  }
  return row as Row;
}

/** A UNIQUE constraint failure, from a direct statement or from Prisma. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "P2002";
}

/** A FOREIGN KEY constraint failure (a row referenced by the write was deleted meanwhile). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "P2003";
}
