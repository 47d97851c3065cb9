import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// The Prisma CLI on PostgreSQL (`npx prisma migrate status --config prisma/postgres/prisma.config.ts`
// with DATABASE_URL set). The server applies these migrations itself at start-up
// (lib/server/db/postgres/migrate.ts), under the same advisory lock the CLI takes.

/**
 * prisma/prisma#27403: the CLI cannot read columns of PostgreSQL's `name` (19) and `char` (18)
 * types through @prisma/adapter-pg 6.19.3. Catalog queries return those; they are text.
 */
class TextNamesPool extends pg.Pool {
  // @ts-expect-error pg's overloads; every call here returns the result promise.
  async query(...args: Parameters<pg.Pool["query"]>) {
    const result = await (super.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args);
    for (const field of result.fields ?? []) if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    return result;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url?.startsWith("postgres")) throw new Error("Set DATABASE_URL to a postgresql:// URL");
    return new PrismaPg(new TextNamesPool({ connectionString: url }) as unknown as pg.Pool);
  },
});
