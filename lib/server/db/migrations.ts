import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Migration {
  name: string;
  sql: string;
  /** As `prisma migrate` computes it, so that the CLI and the server agree on what is applied. */
  checksum: string;
}

/** The migration folders under `dir`, in the order they apply. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export function changedAfterApplying(migration: Migration): Error {
  return new Error(`Migration ${migration.name} was changed after it was applied (checksum differs)`);
}
