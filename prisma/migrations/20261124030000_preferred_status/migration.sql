-- AlterTable
ALTER TABLE "users" ADD COLUMN "preferred_status" TEXT NOT NULL DEFAULT 'online';
