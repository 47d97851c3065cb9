import { Prisma } from "../db/generated/client";

/** How long a nonce protects against a duplicate; after that the same nonce makes a new message. */
export const NONCE_WINDOW_MS = 10 * 60 * 1000;

const isFresh = (createdAt: Date) => Date.now() - createdAt.getTime() < NONCE_WINDOW_MS;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Rows holding `nonce` from longer ago than the window: their nonce may be given to a new message. */
export function staleNonce(senderId: number, nonce: string) {
  return { sender_id: senderId, nonce, created_at: { lt: new Date(Date.now() - NONCE_WINDOW_MS) } };
}

/**
 * Creates a message at most once per (sender, nonce) within the window: a retry gets the first
 * row back with `created: false`. `create` releases stale nonces first (see `staleNonce`); the
 * unique (sender_id, nonce) index settles retries that race each other.
 */
export async function createOnce<T extends { created_at: Date }>(
  nonce: string | undefined,
  findByNonce: () => Promise<T | null>,
  create: () => Promise<T>,
): Promise<{ row: T; created: boolean }> {
  if (nonce) {
    const earlier = await findByNonce();
    if (earlier && isFresh(earlier.created_at)) return { row: earlier, created: false };
  }
  try {
    return { row: await create(), created: true };
  } catch (error) {
    if (nonce && isUniqueViolation(error)) {
      const earlier = await findByNonce();
      if (earlier) return { row: earlier, created: false };
    }
    throw error;
  }
}
