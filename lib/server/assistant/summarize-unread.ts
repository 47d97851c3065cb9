import type { ChannelSummary } from "@/lib/api/entities";
import { forbidden, requireChannelAccess, usersAcrossBlock } from "../access";
import { ChatCompletionError, streamChatCompletion } from "../ai/chat-completion";
import { getConfig } from "../config";
import { db } from "../db/client";
import { ApiError, notFound } from "../errors";
import { consumeLimit } from "../limits/rate-limit";
import { assistantAccount } from "./assistant-account";
import { postableModelText } from "./model-text";

/** At most this many unread messages are summarised (the newest of them). */
const MAX_SUMMARISED = 200;

interface SummarizeOptions {
  /**
   * Where the unread messages start when the read position has moved on since: the web app marks
   * a channel read as it shows it, and remembers which message was the first unread one.
   */
  fromMessageId?: number;
}

/**
 * "Catch me up": the assistant summarises the caller's unread messages in a channel they read
 * (after their read position, or from `fromMessageId` on, without those of users they blocked),
 * for the caller alone: nothing is posted and the read position does not move. 404 without an
 * assistant, as for a missing route; 403 in a community the assistant was not added to.
 */
export async function summarizeUnread(userId: number, channelId: number, { fromMessageId }: SummarizeOptions = {}): Promise<ChannelSummary> {
  const access = await requireChannelAccess(userId, channelId);
  const ai = getConfig().ai;
  const assistant = await assistantAccount();
  if (!ai || !assistant) throw notFound("Assistant");
  // The model reads a community only where its owner or an admin added the assistant.
  const added = await db.communityMember.findFirst({ where: { community_id: access.channel.community_id, user_id: assistant.id }, select: { id: true } });
  if (!added) throw forbidden("The assistant is not in this community: an owner or admin adds it first");
  const after =
    fromMessageId !== undefined
      ? fromMessageId - 1
      : ((await db.channelReadState.findUnique({ where: { user_id_channel_id: { user_id: userId, channel_id: channelId } } }))?.last_read_message_id ?? 0);
  const hidden = await usersAcrossBlock(userId);
  const unread = await db.message.findMany({
    where: { channel_id: channelId, id: { gt: after }, sender_id: { notIn: [userId, ...hidden] }, message_type: { not: "system" } },
    orderBy: { id: "desc" },
    take: MAX_SUMMARISED,
    select: { id: true, author: true, content: true },
  });
  const base = { channel_id: channelId, model: ai.model, message_count: unread.length };
  if (unread.length === 0) return { ...base, summary: "You are all caught up: nothing new here.", first_message_id: null, last_message_id: null };
  await consumeLimit("assistant", userId);

  const transcript = unread.reverse().map((m) => `${m.author}: ${m.content}`).join("\n");
  let summary = "";
  try {
    for await (const delta of streamChatCompletion(ai, {
      messages: [
        {
          role: "system",
          content: `You are ${assistant.username}, the AI assistant of Auraflow, a chat app. Summarise for a reader what they missed in the channel #${access.channel.name}: the main topics, decisions and questions for them, in a few short Markdown bullet points.`,
        },
        { role: "user", content: transcript },
      ],
    })) {
      summary += delta;
    }
  } catch (error) {
    if (!(error instanceof ChatCompletionError)) throw error;
    throw new ApiError("ai_unavailable", `The assistant could not summarise: ${error.message}`, undefined, 503);
  }
  const text = postableModelText(summary).trim();
  if (!text) throw new ApiError("ai_unavailable", "The assistant could not summarise: the model gave no answer", undefined, 503);
  return { ...base, summary: text, first_message_id: unread[0].id, last_message_id: unread.at(-1)!.id };
}
