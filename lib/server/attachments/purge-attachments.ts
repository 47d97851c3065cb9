import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { getConfig } from "../config";
import { db, type Prisma } from "../db/client";
import { storage } from "../storage";
import { storedKeys } from "./create-attachment";

const BATCH = 500;
/** A file still in the incoming folder after this long belongs to a request that died with its process. */
const INCOMING_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Rows that point at nothing any more: an upload whose message or DM was deleted (directly, or with
 * its channel, community or a ban's purge: the link is set to null), an icon whose community is gone.
 */
const DETACHED: Prisma.AttachmentWhereInput = {
  OR: [
    { kind: "upload", attached_at: { not: null }, message_id: null, direct_message_id: null },
    { kind: "icon", community_id: null },
  ],
};

/**
 * Deletes the attachments that match `where`, rows first (nothing serves them after that), then
 * their files. A row that stopped matching meanwhile (a send took an old upload) is left alone.
 */
export async function deleteAttachments(where: Prisma.AttachmentWhereInput): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.attachment.findMany({ where, select: { id: true, storage_key: true, thumbnail_key: true }, take: BATCH });
    if (rows.length === 0) return total;
    const ids = rows.map((row) => row.id);
    await db.attachment.deleteMany({ where: { AND: [where, { id: { in: ids } }] } });
    const kept = new Set((await db.attachment.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id));
    const deleted = rows.filter((row) => !kept.has(row.id));
    await storage().delete(deleted.flatMap(storedKeys));
    total += deleted.length;
    if (rows.length < BATCH || deleted.length === 0) return total;
  }
}

/**
 * After a deletion that may have detached attachments (a message, a DM, a channel, a community, a
 * ban's purge): their files go now. A storage failure does not fail the deletion that called this;
 * the periodic sweep tries again.
 */
export async function purgeDetachedAttachments(): Promise<void> {
  await deleteAttachments(DETACHED).catch((error: unknown) => console.error("[attachments] purge failed:", error));
}

async function removeStaleIncoming(dir: string, now: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > INCOMING_MAX_AGE_MS) await rm(file, { force: true });
  }
}

/** One pass of the sweep: detached attachments, uploads no message took in time, leftovers of dead requests. */
export async function sweepAttachments(now = new Date()): Promise<number> {
  const { uploads } = getConfig();
  const expired = new Date(now.getTime() - uploads.unattachedTtlSeconds * 1000);
  const detached = await deleteAttachments(DETACHED);
  const unattached = await deleteAttachments({ kind: "upload", attached_at: null, created_at: { lt: expired } });
  await removeStaleIncoming(uploads.incomingDir, now.getTime());
  return detached + unattached;
}

/** Sweeps now and every UPLOAD_SWEEP_INTERVAL_SECONDS; returns the stop function. Every node of a cluster may run it. */
export function startAttachmentSweeper(): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = sweepAttachments().catch((error: unknown) => console.error("[attachments] sweep failed:", error));
  };
  sweep();
  const timer = setInterval(sweep, getConfig().uploads.sweepIntervalSeconds * 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    return running;
  };
}
