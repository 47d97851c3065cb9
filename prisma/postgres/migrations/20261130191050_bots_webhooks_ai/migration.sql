-- AlterTable
ALTER TABLE "users" ADD COLUMN     "bot_owner_id" INTEGER,
ADD COLUMN     "is_ai" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "is_bot" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "ai_model" TEXT,
ADD COLUMN     "ai_requested_by" INTEGER,
ADD COLUMN     "ai_requester" TEXT,
ADD COLUMN     "is_bot" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "webhook_id" INTEGER;

-- AlterTable
ALTER TABLE "direct_messages" ADD COLUMN     "ai_model" TEXT,
ADD COLUMN     "ai_requested_by" INTEGER,
ADD COLUMN     "ai_requester" TEXT;

-- CreateTable
CREATE TABLE "webhooks" (
    "id" SERIAL NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "avatar_url" TEXT,
    "token_hash" TEXT NOT NULL,
    "creator_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "webhooks_user_id_key" ON "webhooks"("user_id");

-- CreateIndex
CREATE INDEX "webhooks_channel_id_idx" ON "webhooks"("channel_id");

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_creator_id_fkey" FOREIGN KEY ("creator_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- CreateIndex
CREATE INDEX "users_bot_owner_id_idx" ON "users"("bot_owner_id");
