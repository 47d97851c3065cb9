-- CreateTable
CREATE TABLE "attachments" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL DEFAULT 'upload',
    "uploader_id" INTEGER NOT NULL,
    "message_id" INTEGER,
    "direct_message_id" INTEGER,
    "community_id" INTEGER,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "storage_key" TEXT NOT NULL,
    "thumbnail_key" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attached_at" DATETIME,
    CONSTRAINT "attachments_uploader_id_fkey" FOREIGN KEY ("uploader_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "attachments_direct_message_id_fkey" FOREIGN KEY ("direct_message_id") REFERENCES "direct_messages" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "attachments_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "attachments_message_id_idx" ON "attachments"("message_id");

-- CreateIndex
CREATE INDEX "attachments_direct_message_id_idx" ON "attachments"("direct_message_id");

-- CreateIndex
CREATE INDEX "attachments_community_id_idx" ON "attachments"("community_id");

-- CreateIndex
CREATE INDEX "attachments_uploader_id_idx" ON "attachments"("uploader_id");

-- CreateIndex
CREATE INDEX "attachments_attached_at_created_at_idx" ON "attachments"("attached_at", "created_at");

