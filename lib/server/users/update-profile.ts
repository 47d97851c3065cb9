import type { UpdateProfileInput } from "@/lib/validations/users";
import { db } from "../db/client";
import type { User } from "../db/generated/client";
import { toSelfUser } from "./serialize";

/** Changes only the listed profile fields; a null display_name falls back to the username. */
export async function updateProfile(user: User, input: UpdateProfileInput) {
  const updated = await db.user.update({
    where: { id: user.id },
    data: {
      ...input,
      ...(input.display_name === null ? { display_name: user.username } : {}),
    },
  });
  return toSelfUser(updated);
}
