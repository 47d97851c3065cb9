import path from "node:path";
import { migratePostgres } from "./postgres/migrate";
import { migrateSqlite } from "./sqlite/migrate";
import { providerFromUrl } from "./url";

/** Each engine's migrations, generated from the one schema (`npm run db:migration`). */
export const migrationsDir = (root: string, url: string) =>
  providerFromUrl(url) === "postgresql" ? path.join(root, "prisma", "postgres", "migrations") : path.join(root, "prisma", "migrations");

/** Applies the pending migrations of the database at `url`; returns the names it applied. */
export async function migrateDatabase(root: string, url: string): Promise<string[]> {
  const dir = migrationsDir(root, url);
  return providerFromUrl(url) === "postgresql" ? migratePostgres(url, dir) : migrateSqlite(url, dir);
}
