-- CreateEnum
CREATE TYPE "NotificationLevel" AS ENUM ('all', 'mentions', 'none');

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "mention_everyone" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "mention_ids" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "message_mentions" (
    "message_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,

    CONSTRAINT "message_mentions_pkey" PRIMARY KEY ("message_id","user_id")
);

-- CreateTable
CREATE TABLE "channel_notification_settings" (
    "user_id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "level" "NotificationLevel" NOT NULL,
    "muted_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channel_notification_settings_pkey" PRIMARY KEY ("user_id","channel_id")
);

-- CreateTable
CREATE TABLE "community_notification_settings" (
    "user_id" INTEGER NOT NULL,
    "community_id" INTEGER NOT NULL,
    "level" "NotificationLevel" NOT NULL,
    "muted_until" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "community_notification_settings_pkey" PRIMARY KEY ("user_id","community_id")
);

-- CreateIndex
CREATE INDEX "message_mentions_channel_id_user_id_message_id_idx" ON "message_mentions"("channel_id", "user_id", "message_id");

-- CreateIndex
CREATE INDEX "channel_notification_settings_channel_id_idx" ON "channel_notification_settings"("channel_id");

-- CreateIndex
CREATE INDEX "community_notification_settings_community_id_idx" ON "community_notification_settings"("community_id");

-- AddForeignKey
ALTER TABLE "message_mentions" ADD CONSTRAINT "message_mentions_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_notification_settings" ADD CONSTRAINT "channel_notification_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_notification_settings" ADD CONSTRAINT "channel_notification_settings_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "community_notification_settings" ADD CONSTRAINT "community_notification_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "community_notification_settings" ADD CONSTRAINT "community_notification_settings_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

