import type { User } from "../db/generated/client";
import { queryOne, withDates } from "../db/sql";

// User rows on the hot paths (every authenticated request, every socket handshake and send), in
// direct SQL (see db/sql.ts).

const DATES = ["last_seen", "created_at", "updated_at"] as const;

export async function findUserRow(userId: number): Promise<User | null> {
  const row = await queryOne<Record<string, unknown>>("SELECT * FROM users WHERE id = ?", userId);
  return row ? withDates<User>(row, DATES) : null;
}

/** The user of a session, unless the session was revoked (logout). */
export async function findSessionUser(userId: number, sessionId: string): Promise<User | null> {
  const row = await queryOne<Record<string, unknown>>(
    "SELECT * FROM users WHERE id = ? AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = ?)",
    userId,
    sessionId,
  );
  return row ? withDates<User>(row, DATES) : null;
}
