-- Full-text search of message and DM content, hand-written: Prisma's schema cannot describe it.
-- The current definition is lib/server/db/postgres/search-index.ts.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION "auraflow_search" (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION "auraflow_search" ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
ALTER TABLE "messages" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('auraflow_search'::regconfig, regexp_replace("content", '[!-/:-@[-`{-~]', ' ', 'g'))) STORED;
CREATE INDEX "messages_search_vector_idx" ON "messages" USING GIN ("search_vector");
ALTER TABLE "direct_messages" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('auraflow_search'::regconfig, regexp_replace("content", '[!-/:-@[-`{-~]', ' ', 'g'))) STORED;
CREATE INDEX "direct_messages_search_vector_idx" ON "direct_messages" USING GIN ("search_vector");
