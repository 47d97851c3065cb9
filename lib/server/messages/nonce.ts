import { Prisma } from "../db/generated/client";

/** How long a nonce protects against a duplicate; after that the same nonce makes a new message. */
export const NONCE_WINDOW_MS = 10 * 60 * 1000;

export const isFresh = (createdAt: Date) => Date.now() - createdAt.getTime() < NONCE_WINDOW_MS;

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Rows holding `nonce` from longer ago than the window: their nonce may be given to a new message. */
export function staleNonce(senderId: number, nonce: string) {
  return { sender_id: senderId, nonce, created_at: { lt: new Date(Date.now() - NONCE_WINDOW_MS) } };
}
