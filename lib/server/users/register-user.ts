import { hashPassword } from "../auth/password";
import { db } from "../db/client";
import { Prisma, type User } from "../db/generated/client";
import { ApiError } from "../errors";
import type { RegisterInput } from "@/lib/validations/auth";

function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** Creates an account. Uniqueness is enforced by the database, so concurrent sign-ups cannot both win. */
export async function registerUser(input: RegisterInput): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const usernameLower = input.username.toLowerCase();
  const taken = await db.user.findFirst({
    where: { OR: [{ username_lower: usernameLower }, { email }] },
    select: { username_lower: true },
  });
  if (taken) throw takenError(taken.username_lower === usernameLower ? "username" : "email");

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
    if (!isUniqueViolation(error)) throw error;
    const target = String(error.meta?.target ?? "");
    throw takenError(target.includes("email") ? "email" : "username");
  }
}

function takenError(field: "username" | "email"): ApiError {
  const message = field === "username" ? "That username is taken" : "An account with that email already exists";
  return new ApiError("conflict", message, [{ path: field, message }]);
}
