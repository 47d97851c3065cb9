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
