import { assertLoginAllowed, clearLoginFailures, recordLoginFailure } from "../auth/login-throttle";
import { verifyAgainstNothing, verifyPassword } from "../auth/password";
import { db } from "../db/client";
import type { User } from "../db/generated/client";
import { ApiError } from "../errors";

export interface Credentials {
  /** A username (any case) or an email address. */
  login: string;
  password: string;
  /** Where the attempt comes from (rate limits are per address). */
  address: string;
}

/** One error for an unknown account and a wrong password alike: nothing tells which it was. */
export const invalidCredentials = () => new ApiError("unauthorized", "Invalid username or password");

export async function checkCredentials({ login, password, address }: Credentials): Promise<User> {
  const key = login.trim().toLowerCase();
  const user = await db.user.findFirst({
    where: { ...(key.includes("@") ? { email: key } : { username_lower: key }), deleted_at: null },
  });
  // Per account, whichever of username or email was typed; per typed key for unknown accounts.
  const attempt = { address, account: user ? `user:${user.id}` : `login:${key}` };
  await assertLoginAllowed(attempt);
  const valid = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstNothing(password);
  if (!user || !valid) {
    await recordLoginFailure(attempt);
    throw invalidCredentials();
  }
  await clearLoginFailures(attempt);
  return user;
}
