import { reservedForAssistant } from "../assistant/assistant-account";
import { hashPassword } from "../auth/password";
import { db, isUniqueViolation } from "../db/client";
import type { User } from "../db/generated/client";
import { ApiError } from "../errors";
import { consumeLimit } from "../limits/rate-limit";
import type { RegisterInput } from "@/lib/validations/auth";

/**
 * Creates an account. Uniqueness is enforced by the database, so concurrent sign-ups cannot both
 * win. Every attempt over HTTP counts against its address (`register`), which also bounds how fast anyone
 * can probe which emails have accounts.
 */
export async function registerUser(input: RegisterInput & { address?: string }): Promise<User> {
  // No address: an operator's script (seed-demo), not a visitor.
  if (input.address !== undefined) await consumeLimit("register", input.address);
  const email = input.email.trim().toLowerCase();
  const usernameLower = input.username.toLowerCase();
  if (reservedForAssistant(usernameLower)) throw takenError("username");
  const alreadyTaken = async () => {
    const taken = await db.user.findFirst({ where: { OR: [{ username_lower: usernameLower }, { email }] }, select: { username_lower: true } });
    return taken && takenError(taken.username_lower === usernameLower ? "username" : "email");
  };
  const conflict = await alreadyTaken();
  if (conflict) throw conflict;

  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: {
        username: input.username,
        username_lower: usernameLower,
        email,
        password_hash: passwordHash,
        display_name: input.display_name ?? input.username,
      },
    });
  } catch (error) {
    // A sign-up that raced this one took the name or the email meanwhile: say which, as above.
    if (!isUniqueViolation(error)) throw error;
    throw (await alreadyTaken()) ?? error;
  }
}

export function takenError(field: "username" | "email"): ApiError {
  const message = field === "username" ? "That username is taken" : "An account with that email already exists";
  return new ApiError("conflict", message, [{ path: field, message }]);
}
