-- AlterTable
ALTER TABLE "direct_messages" ADD COLUMN "ai_model" TEXT;
ALTER TABLE "direct_messages" ADD COLUMN "ai_requested_by" INTEGER;
ALTER TABLE "direct_messages" ADD COLUMN "ai_requester" TEXT;

-- CreateTable
CREATE TABLE "webhooks" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "avatar_url" TEXT,
    "token_hash" TEXT NOT NULL,
    "creator_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhooks_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "webhooks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "webhooks_creator_id_fkey" FOREIGN KEY ("creator_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- AlterTable (written by hand: Prisma's differ would rebuild the users and messages tables for these columns)
ALTER TABLE "users" ADD COLUMN "is_bot" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "users" ADD COLUMN "is_ai" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "users" ADD COLUMN "bot_owner_id" INTEGER;
ALTER TABLE "messages" ADD COLUMN "ai_model" TEXT;
ALTER TABLE "messages" ADD COLUMN "ai_requested_by" INTEGER;
ALTER TABLE "messages" ADD COLUMN "ai_requester" TEXT;
ALTER TABLE "messages" ADD COLUMN "webhook_id" INTEGER;
ALTER TABLE "messages" ADD COLUMN "is_bot" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "users_bot_owner_id_idx" ON "users"("bot_owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "webhooks_user_id_key" ON "webhooks"("user_id");

-- CreateIndex
CREATE INDEX "webhooks_channel_id_idx" ON "webhooks"("channel_id");
