import { randomUUID } from "node:crypto";
import type { BotWithToken } from "@/lib/api/entities";
import type { CreateBotInput } from "@/lib/validations/bots";
import { forbidden } from "../access";
import { reservedForAssistant } from "../assistant/assistant-account";
import type { SessionClient } from "../auth/record-session";
import { BOT_TOKEN_TTL_SECONDS, issueApiToken } from "../auth/tokens";
import { db, isUniqueViolation } from "../db/client";
import type { User } from "../db/generated/client";
import { ApiError } from "../errors";
import { consumeLimit } from "../limits/rate-limit";
import { takenError } from "../users/register-user";
import { toBot } from "./serialize";

/** How many live bots one user may own (Discord's limit on applications). */
export const MAX_BOTS_PER_OWNER = 25;

/** The password hash of every bot: not an argon2 hash, so no password ever signs a bot in. */
export const BOT_PASSWORD_HASH = "!bot";

/** Signs a new token for `bot` (its session id too); it lasts until rotated. */
export async function issueBotToken(bot: User, client: SessionClient): Promise<BotWithToken & { sessionId: string }> {
  const { token, claims } = await issueApiToken(bot.id, client, BOT_TOKEN_TTL_SECONDS);
  return { bot: toBot(bot), token, sessionId: claims.sessionId };
}

/**
 * Creates a bot account owned by `owner` and its first token (shown once). A bot has no password
 * and no usable email (`…@bots.invalid`, which registration refuses): it signs in only with its
 * token. Bots do not create bots.
 */
export async function createBot(owner: User, input: CreateBotInput, client: SessionClient): Promise<BotWithToken> {
  if (owner.is_bot) throw forbidden("Bots cannot create bots");
  await consumeLimit("bot_token", owner.id);
  const owned = await db.user.count({ where: { bot_owner_id: owner.id, is_bot: true, deleted_at: null } });
  if (owned >= MAX_BOTS_PER_OWNER) throw new ApiError("conflict", `You own ${MAX_BOTS_PER_OWNER} bots: delete one to create another`);
  if (reservedForAssistant(input.username.toLowerCase())) throw takenError("username");
  let bot: User;
  try {
    bot = await db.user.create({
      data: {
        username: input.username,
        username_lower: input.username.toLowerCase(),
        email: `bot-${randomUUID()}@bots.invalid`,
        password_hash: BOT_PASSWORD_HASH,
        display_name: input.display_name ?? input.username,
        avatar_url: input.avatar_url ?? null,
        is_bot: true,
        is_ai: input.is_ai ?? false,
        bot_owner_id: owner.id,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw takenError("username");
  }
  const { sessionId: _, ...created } = await issueBotToken(bot, client);
  return created;
}
