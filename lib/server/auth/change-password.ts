import type { ChangePasswordInput } from "@/lib/validations/auth";
import { transaction } from "../db/client";
import { confirmPassword } from "./confirm-password";
import { revokeOtherSessions } from "./end-other-sessions";
import { hashPassword } from "./password";
import type { Authenticated } from "./session";

/**
 * A new password for the signed-in user (the same rules as at registration): every other session
 * (API tokens and browser sessions) ends and its sockets close; the caller's session stays.
 */
export async function changePassword({ user, session }: Authenticated, input: ChangePasswordInput): Promise<void> {
  await confirmPassword(user, input.current_password);
  const passwordHash = await hashPassword(input.new_password);
  const disconnect = await transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { password_hash: passwordHash } });
    return revokeOtherSessions(tx, user.id, session.sessionId);
  });
  await disconnect();
}
