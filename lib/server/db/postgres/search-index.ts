// The full-text index of message and DM content: a generated tsvector column with a GIN index on
// each table, so every write path keeps it current. The configuration is `simple` (no stemming,
// no stop words: the content is in any language) with `unaccent` first, so "café" matches
// "cafe" as it does on SQLite. ASCII punctuation is a separator first, as in SQLite's unicode61
// (PostgreSQL's parser would keep "example.com", "3.14" or "hello-world" as one token, so that
// "example" found nothing on one engine and something on the other). Prisma's schema cannot describe generated columns: the migration
// that made them holds this SQL and the drift test adds it to the database it builds from the schema.

const TABLES = ["messages", "direct_messages"] as const;

/** The text search configuration both the column and the queries use. */
export const SEARCH_CONFIG = "auraflow_search";

/** Every ASCII punctuation character, as a regular expression class independent of the locale. */
const ASCII_PUNCTUATION = "[!-/:-@[-`{-~]";

export const POSTGRES_SEARCH_INDEX = `CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION "${SEARCH_CONFIG}" (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION "${SEARCH_CONFIG}" ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
${TABLES.map(
  (table) => `ALTER TABLE "${table}" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('${SEARCH_CONFIG}'::regconfig, regexp_replace("content", '${ASCII_PUNCTUATION}', ' ', 'g'))) STORED;
CREATE INDEX "${table}_search_vector_idx" ON "${table}" USING GIN ("search_vector");`,
).join("\n")}
`;
