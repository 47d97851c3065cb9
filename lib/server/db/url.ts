/** The database engines Auraflow runs on, told apart by the DATABASE_URL scheme. */
export type DatabaseProvider = "sqlite" | "postgresql";

export function providerFromUrl(url: string): DatabaseProvider {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got "${url.split(":")[0]}:"`);
}

/** "file:./data/x.db" → "./data/x.db"; query options after "?" are dropped. */
export function sqliteFileFromUrl(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
