import Database from "better-sqlite3";

/** Row counts of every table, read straight from the server's SQLite file. */
export function tableCounts(dbFile: string): Record<string, number> {
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const tables = sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (sqlite.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    sqlite.close();
  }
}

export function queryOne<T>(dbFile: string, sql: string, ...params: unknown[]): T | undefined {
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(sql).get(...params) as T | undefined;
  } finally {
    sqlite.close();
  }
}

/** Changes rows behind the server's back (to age a row, say); a second connection, as WAL allows. */
export function execute(dbFile: string, sql: string, ...params: unknown[]): number {
  const sqlite = new Database(dbFile, { fileMustExist: true, timeout: 5000 });
  try {
    return sqlite.prepare(sql).run(...params).changes;
  } finally {
    sqlite.close();
  }
}

/** An SQL expression for "now minus `minutes`" in the format the app stores DateTimes in. */
export const minutesAgoSql = (minutes: number) => `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now', '-${minutes} minutes')`;
