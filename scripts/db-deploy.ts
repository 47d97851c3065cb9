// npm run db:deploy: applies pending migrations to the database DATABASE_URL names (SQLite file or
// PostgreSQL), exactly as the server does at start-up.
import path from "node:path";
import { ConfigError, getConfig } from "../lib/server/config";
import { migrateDatabase } from "../lib/server/db/migrate";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);
try {
  const config = getConfig();
  const applied = await migrateDatabase(root, config.databaseUrl);
  console.log(applied.length ? `applied ${applied.join(", ")}` : "the database is up to date");
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
