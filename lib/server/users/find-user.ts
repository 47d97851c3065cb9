import { queries } from "../db/client";
import type { User } from "../db/generated/client";

/** A user by id, through the hot query (every socket send and presence change reads it). */
export const findUser = (userId: number): Promise<User | null> => queries.user(userId);
