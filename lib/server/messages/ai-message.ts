import type { AiProvenance } from "@/lib/api/entities";
import type { AiInput } from "@/lib/validations/messages";
import { forbidden } from "../access";
import { db } from "../db/client";
import type { User } from "../db/generated/client";
import { ApiError } from "../errors";

export interface AiSend {
  message_type?: string;
  ai?: AiInput;
  attachment_ids: number[];
}

const invalid = (path: string, message: string) => new ApiError("invalid_request", message, [{ path, message }]);

/**
 * The provenance a send stores, or null for a message no model wrote. Only AI bots (the assistant,
 * or a bot its owner marked is_ai) send `ai` messages, and each names its model: anyone else who
 * sends message_type ai or an `ai` field is refused (403), whatever else the send says. The
 * requester a bot may name is its owner, or whoever `mayAsk` accepts: the author of the message it
 * replies to in the channel, the other side of the DM. Nobody can be made to have asked for
 * something they did not.
 */
export async function aiProvenanceOf(sender: Pick<User, "is_ai" | "bot_owner_id">, input: AiSend, mayAsk: (userId: number) => Promise<boolean>): Promise<AiProvenance | null> {
  const claimsAi = input.message_type === "ai" || input.ai !== undefined;
  if (!claimsAi) return null;
  if (!sender.is_ai) throw forbidden("Only AI bots send ai messages");
  if (input.message_type !== "ai") throw invalid("message_type", "An ai field goes with message_type ai");
  if (!input.ai) throw invalid("ai.model", "An ai message names the model that wrote it");
  if (input.attachment_ids.length > 0) throw invalid("attachment_ids", "An ai message carries text only");
  const requesterId = input.ai.requested_by ?? null;
  if (requesterId === null) return { model: input.ai.model, requested_by: null };
  const requester = await db.user.findFirst({ where: { id: requesterId, deleted_at: null }, select: { id: true, username: true } });
  if (!requester || (requester.id !== sender.bot_owner_id && !(await mayAsk(requester.id)))) {
    throw invalid("ai.requested_by", "Must be the bot's owner, the author of the message it replies to, or the other side of the DM");
  }
  return { model: input.ai.model, requested_by: requester };
}
