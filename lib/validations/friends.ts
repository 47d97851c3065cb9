import { z } from "zod";
import { idNumber } from "./common";
import { usernameSchema } from "./auth";

export const friendRequestSchema = z
  .strictObject({ username: usernameSchema.optional(), receiver_id: idNumber.optional() })
  .refine((body) => (body.username === undefined) !== (body.receiver_id === undefined), {
    message: "Send exactly one of username or receiver_id",
    path: ["username"],
  });
export type FriendRequestInput = z.output<typeof friendRequestSchema>;
