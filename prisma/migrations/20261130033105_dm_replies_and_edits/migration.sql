-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_direct_messages" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sender_id" INTEGER NOT NULL,
    "receiver_id" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "message_type" TEXT NOT NULL DEFAULT 'text',
    "is_read" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edited_at" DATETIME,
    "reply_to" INTEGER,
    "updated_at" DATETIME NOT NULL,
    "nonce" TEXT,
    CONSTRAINT "direct_messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "direct_messages_receiver_id_fkey" FOREIGN KEY ("receiver_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "direct_messages_reply_to_fkey" FOREIGN KEY ("reply_to") REFERENCES "direct_messages" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_direct_messages" ("content", "created_at", "id", "is_read", "message_type", "nonce", "receiver_id", "sender_id", "updated_at") SELECT "content", "created_at", "id", "is_read", "message_type", "nonce", "receiver_id", "sender_id", "updated_at" FROM "direct_messages";
DROP TABLE "direct_messages";
ALTER TABLE "new_direct_messages" RENAME TO "direct_messages";
CREATE INDEX "direct_messages_sender_id_receiver_id_id_idx" ON "direct_messages"("sender_id", "receiver_id", "id" DESC);
CREATE INDEX "direct_messages_receiver_id_sender_id_id_idx" ON "direct_messages"("receiver_id", "sender_id", "id" DESC);
CREATE INDEX "direct_messages_reply_to_idx" ON "direct_messages"("reply_to");
CREATE UNIQUE INDEX "direct_messages_sender_id_nonce_key" ON "direct_messages"("sender_id", "nonce");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

