-- AlterTable
ALTER TABLE "direct_messages" ADD COLUMN     "edited_at" TIMESTAMPTZ(3),
ADD COLUMN     "reply_to" INTEGER;

-- CreateIndex
CREATE INDEX "direct_messages_reply_to_idx" ON "direct_messages"("reply_to");

-- AddForeignKey
ALTER TABLE "direct_messages" ADD CONSTRAINT "direct_messages_reply_to_fkey" FOREIGN KEY ("reply_to") REFERENCES "direct_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

