// The PostgreSQL schema is generated from prisma/schema.prisma, the one source of truth: same
// models, enums, ids, defaults and cascades; only the datasource, the client's output folder and
// the DateTime column type differ. `npm run db:migration` writes it; a test fails when the
// committed file is out of date.
import { readFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");
export const sqliteSchemaPath = path.join(root, "prisma", "schema.prisma");
export const postgresSchemaPath = path.join(root, "prisma", "postgres", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:migration\`: edit that file, not this one.
`;

/**
 * DateTimes become \`timestamptz\`: node-postgres reads and writes those as instants, so values do
 * not shift with the time zone of the process (a plain \`timestamp\` is read as local time).
 */
export function postgresSchemaFrom(sqliteSchema: string): string {
  let schema = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://localhost:5432/auraflow"')
    .replace(/output(\s*)=\s*"\.\.\/lib\/server\/db\/generated"/, 'output$1= "../../lib/server/db/postgres/generated"')
    .replace(/^(\s+\w+\s+DateTime\??)(.*)$/gm, (line, field: string, rest: string) =>
      rest.includes("@db.") ? line : `${field}${rest.replace(/\s*$/, "")} @db.Timestamptz(3)`,
    );
  if (schema === sqliteSchema || !schema.includes('provider = "postgresql"')) {
    throw new Error("prisma/schema.prisma does not have the expected sqlite datasource");
  }
  schema = HEADER + schema;
  return schema;
}

/**
 * The SQLite schema a generated PostgreSQL schema was made from. The committed PostgreSQL schema is
 * therefore also the record of what the committed migrations produce (the drift test checks it).
 */
export function sqliteSchemaFrom(postgresSchema: string): string {
  if (!postgresSchema.startsWith(HEADER)) throw new Error("prisma/postgres/schema.prisma is not a generated schema");
  return postgresSchema
    .slice(HEADER.length)
    .replace('provider = "postgresql"', 'provider = "sqlite"')
    .replace('url      = "postgresql://localhost:5432/auraflow"', 'url      = "file:./dev.db"')
    .replace('"../../lib/server/db/postgres/generated"', '"../lib/server/db/generated"')
    .replace(/ @db\.Timestamptz\(3\)$/gm, "");
}

export const readPostgresSchema = () => postgresSchemaFrom(readFileSync(sqliteSchemaPath, "utf8"));
