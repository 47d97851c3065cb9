import { limiter } from "../cluster/limiter";
import type { User } from "../db/generated/client";
import { ApiError } from "../errors";
import { verifyPassword } from "./password";

// A signed-in user confirms their password before changing it or deleting the account. The answer
// to a wrong one is 403, not 401: the session is fine, and a client must not sign the user out.
// Someone holding a stolen session could guess here, so wrong passwords are counted per account
// (apart from sign-in failures, so this cannot lock the owner out of signing in).

const MAX_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

const failures = () => limiter({ name: "password-confirmations", points: MAX_FAILURES, durationSeconds: WINDOW_SECONDS });

export async function confirmPassword(user: User, password: string): Promise<void> {
  const key = `user:${user.id}`;
  const counted = await failures().get(key);
  if (counted && counted.consumedPoints >= MAX_FAILURES) {
    throw new ApiError("rate_limited", "Too many wrong passwords. Try again later.", { retry_after: Math.ceil(counted.msBeforeNext / 1000) });
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    await failures().penalty(key, 1);
    throw new ApiError("invalid_password", "That password is not correct", undefined, 403);
  }
  await failures().delete(key);
}
