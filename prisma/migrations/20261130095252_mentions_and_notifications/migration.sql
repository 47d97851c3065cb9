-- CreateTable
CREATE TABLE "message_mentions" (
    "message_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,

    PRIMARY KEY ("message_id", "user_id"),
    CONSTRAINT "message_mentions_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "channel_notification_settings" (
    "user_id" INTEGER NOT NULL,
    "channel_id" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "muted_until" DATETIME,
    "updated_at" DATETIME NOT NULL,

    PRIMARY KEY ("user_id", "channel_id"),
    CONSTRAINT "channel_notification_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "channel_notification_settings_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "community_notification_settings" (
    "user_id" INTEGER NOT NULL,
    "community_id" INTEGER NOT NULL,
    "level" TEXT NOT NULL,
    "muted_until" DATETIME,
    "updated_at" DATETIME NOT NULL,

    PRIMARY KEY ("user_id", "community_id"),
    CONSTRAINT "community_notification_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "community_notification_settings_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (columns added in place: other migrations of the same day alter messages too)
ALTER TABLE "messages" ADD COLUMN "mention_ids" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "messages" ADD COLUMN "mention_everyone" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "message_mentions_channel_id_user_id_message_id_idx" ON "message_mentions"("channel_id", "user_id", "message_id");

-- CreateIndex
CREATE INDEX "channel_notification_settings_channel_id_idx" ON "channel_notification_settings"("channel_id");

-- CreateIndex
CREATE INDEX "community_notification_settings_community_id_idx" ON "community_notification_settings"("community_id");

