import type { User } from "../db/generated/client";
import { ApiError } from "../errors";
import { assertNotSpent, forgive, penalize } from "../limits/rate-limit";
import { verifyPassword } from "./password";

// A signed-in user confirms their password before changing it or deleting the account. The answer
// to a wrong one is 403, not 401: the session is fine, and a client must not sign the user out.
// Someone holding a stolen session could guess here, so wrong passwords are counted per account
// (`password_failures`, apart from sign-in failures, so this cannot lock the owner out of signing in).

export async function confirmPassword(user: User, password: string): Promise<void> {
  const key = `user:${user.id}`;
  await assertNotSpent("password_failures", key, () => "Too many wrong passwords. Try again later.");
  if (!(await verifyPassword(user.password_hash, password))) {
    await penalize("password_failures", key);
    throw new ApiError("invalid_password", "That password is not correct", undefined, 403);
  }
  await forgive("password_failures", key);
}
