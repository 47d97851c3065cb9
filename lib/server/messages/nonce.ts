import { isUniqueViolation } from "../db/client";

/** How long a nonce protects against a duplicate; after that the same nonce makes a new message. */
export const NONCE_WINDOW_MS = 10 * 60 * 1000;

/** Messages created before this hold their nonce no longer. */
export const nonceCutoff = () => new Date(Date.now() - NONCE_WINDOW_MS);

const isFresh = (createdAt: Date | string) => new Date(createdAt) > nonceCutoff();

/** Rows holding `nonce` from longer ago than the window: their nonce may be given to a new message. */
export function staleNonce(senderId: number, nonce: string) {
  return { sender_id: senderId, nonce, created_at: { lt: nonceCutoff() } };
}

export interface NonceStore<T> {
  create: () => Promise<T>;
  /** The row holding (sender, nonce), if any. */
  find: () => Promise<T | null>;
  /** Takes the nonce off the row that holds it since longer ago than the window. */
  releaseStale: () => Promise<unknown>;
}

/**
 * The message a retry repeats, when it is still within the window. A send with attachments asks
 * this before checking them: the first send took them, so the check alone would refuse the retry.
 */
export async function earlierSend<T extends { created_at: Date | string }>(nonce: string | undefined, find: () => Promise<T | null>): Promise<T | null> {
  if (!nonce) return null;
  const earlier = await find();
  return earlier && isFresh(earlier.created_at) ? earlier : null;
}

/**
 * Creates a message at most once per (sender, nonce) within the window: a retry gets the first
 * row back with `created: false`. The insert comes first, so a first send (the common case) is one
 * statement; the unique (sender_id, nonce) index turns a repeat into a conflict, which is then
 * looked up, and a holder older than the window gives its nonce up.
 */
export async function createOnce<T extends { created_at: Date | string }>(
  nonce: string | undefined,
  store: NonceStore<T>,
): Promise<{ row: T; created: boolean }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return { row: await store.create(), created: true };
    } catch (error) {
      // Three rounds settle any race between retries of one send (a release and a re-insert each).
      if (!nonce || !isUniqueViolation(error) || attempt === 2) throw error;
    }
    const earlier = await store.find();
    if (earlier && isFresh(earlier.created_at)) return { row: earlier, created: false };
    if (earlier) await store.releaseStale();
  }
}
