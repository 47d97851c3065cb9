import path from "node:path";
import { migrateSqlite } from "./sqlite/migrate";

/** The engine's migrations. */
export const migrationsDir = (root: string) => path.join(root, "prisma", "migrations");

/** Applies the pending migrations of the database at `url`; returns the names it applied. */
export async function migrateDatabase(root: string, url: string): Promise<string[]> {
  return migrateSqlite(url, migrationsDir(root));
}
