import type { BotWithToken } from "@/lib/api/entities";
import { revokeOtherSessions } from "../auth/end-other-sessions";
import type { SessionClient } from "../auth/record-session";
import { transaction } from "../db/client";
import { consumeLimit } from "../limits/rate-limit";
import { issueBotToken } from "./create-bot";
import { findOwnBot } from "./find-bot";

/**
 * A new token for the caller's bot: every earlier token stops working at once and its sockets close.
 * The new one is issued first and then every other revoked, so that of two rotations at once the
 * later revocation ends the other's token: never two live tokens.
 */
export async function rotateBotToken(ownerId: number, botId: number, client: SessionClient): Promise<BotWithToken> {
  const bot = await findOwnBot(ownerId, botId);
  await consumeLimit("bot_token", ownerId);
  const issued = await issueBotToken(bot, client);
  const disconnect = await transaction((tx) => revokeOtherSessions(tx, bot.id, issued.sessionId));
  await disconnect();
  return { bot: issued.bot, token: issued.token };
}
