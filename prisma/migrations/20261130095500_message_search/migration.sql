-- Full-text search of message and DM content, hand-written: Prisma's schema cannot describe it.
-- The current definition is lib/server/db/sqlite/search-index.ts.
CREATE VIRTUAL TABLE "messages_fts" USING fts5(content, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER "messages_fts_insert" AFTER INSERT ON "messages" BEGIN
  INSERT INTO "messages_fts" (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER "messages_fts_delete" AFTER DELETE ON "messages" BEGIN
  INSERT INTO "messages_fts" ("messages_fts", rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER "messages_fts_update" AFTER UPDATE OF content ON "messages" BEGIN
  INSERT INTO "messages_fts" ("messages_fts", rowid, content) VALUES ('delete', old.id, old.content);
  INSERT INTO "messages_fts" (rowid, content) VALUES (new.id, new.content);
END;
INSERT INTO "messages_fts" ("messages_fts") VALUES ('rebuild');

CREATE VIRTUAL TABLE "direct_messages_fts" USING fts5(content, content='direct_messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE TRIGGER "direct_messages_fts_insert" AFTER INSERT ON "direct_messages" BEGIN
  INSERT INTO "direct_messages_fts" (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER "direct_messages_fts_delete" AFTER DELETE ON "direct_messages" BEGIN
  INSERT INTO "direct_messages_fts" ("direct_messages_fts", rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER "direct_messages_fts_update" AFTER UPDATE OF content ON "direct_messages" BEGIN
  INSERT INTO "direct_messages_fts" ("direct_messages_fts", rowid, content) VALUES ('delete', old.id, old.content);
  INSERT INTO "direct_messages_fts" (rowid, content) VALUES (new.id, new.content);
END;
INSERT INTO "direct_messages_fts" ("direct_messages_fts") VALUES ('rebuild');
