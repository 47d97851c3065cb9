import { WRITING_MARK, WRITING_PLACEHOLDER } from "@/lib/ai-writing";
import type { AiProvenance, DirectMessage, Message } from "@/lib/api/entities";
import { assertCanPost, findChannelAccess, usersAcrossBlock, type ChannelAccess } from "../access";
import { ChatCompletionError, streamChatCompletion, type ChatMessage } from "../ai/chat-completion";
import { getConfig, type AiConfig } from "../config";
import { db, queries } from "../db/client";
import type { User } from "../db/generated/client";
import { announceDirectMessage } from "../direct-messages/announce-direct-message";
import { editDirectMessage } from "../direct-messages/edit-direct-message";
import { toApiError } from "../errors";
import { consumeLimit } from "../limits/rate-limit";
import { announceMessage } from "../messages/announce-message";
import { editMessage } from "../messages/edit-message";
import { NO_MENTIONS } from "../messages/mentions";
import { assistantAccount } from "./assistant-account";
import { postableModelText } from "./model-text";

/** How many recent messages of the conversation the model sees. */
const CONTEXT_MESSAGES = 20;
/** At most one streaming edit per this many ms (a few a second). */
const EDIT_INTERVAL_MS = 300;

type Asker = Pick<User, "id" | "username" | "is_bot">;

/** What the model is told about itself and its place. */
function systemPrompt(assistant: User, where: string): ChatMessage {
  return {
    role: "system",
    content:
      `You are ${assistant.username}, the AI assistant of Auraflow, a chat app, answering in ${where}. ` +
      "Each user message starts with its author's name. Answer the last one, briefly, in Markdown.",
  };
}

/** A message of the context: the assistant's own as the assistant's, everyone else's as "name: text". */
const asChat = (assistantId: number, senderId: number, author: string, content: string): ChatMessage =>
  senderId === assistantId ? { role: "assistant", content } : { role: "user", content: `${author}: ${content}` };

/**
 * Streams the model's answer into a reply that exists already: an edit at most every
 * EDIT_INTERVAL_MS while it is written (with WRITING_MARK at its end), then the final text. A
 * failure or timeout ends it with a visible failure text: the reply never hangs.
 */
async function streamInto(ai: AiConfig, context: () => Promise<ChatMessage[]>, write: (content: string) => Promise<unknown>): Promise<void> {
  let text = "";
  let written = 0;
  let failure: string | null = null;
  try {
    for await (const delta of streamChatCompletion(ai, { messages: await context() })) {
      text += delta;
      if (Date.now() - written >= EDIT_INTERVAL_MS) {
        written = Date.now();
        await write(postableModelText(text) + WRITING_MARK);
      }
    }
  } catch (error) {
    if (!(error instanceof ChatCompletionError)) console.error("[assistant]", error);
    failure = error instanceof ChatCompletionError ? error.message : "something went wrong";
  }
  const ending = failure ? `⚠️ I could not finish: ${failure}.` : "⚠️ The model gave no answer.";
  // The warning must survive the length cap: the answer makes room for it.
  const answer = postableModelText(text, failure ? ending.length + 2 : 0).trim();
  await write(failure || !answer ? (answer ? `${answer}\n\n${ending}` : ending) : answer);
}

/**
 * The assistant's per-user budget. Over it, the reply says so instead of asking the model, once a
 * minute (`assistant_notice`); beyond that the assistant stays silent, so that it cannot be made to spam.
 */
async function overBudget(askerId: number): Promise<string | null | "silent"> {
  try {
    await consumeLimit("assistant", askerId);
    return null;
  } catch (error) {
    const retry = Number((toApiError(error).details as { retry_after?: number } | undefined)?.retry_after ?? 60);
    try {
      await consumeLimit("assistant_notice", askerId);
    } catch {
      return "silent";
    }
    return `⚠️ You are asking me too often: try again in ${Math.max(1, Math.ceil(retry))} s.`;
  }
}

/** Whether the assistant may post in the channel now (not an announcement channel of others, not timed out). */
function mayPost(access: ChannelAccess): boolean {
  try {
    assertCanPost(access);
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers a channel message that mentions the assistant, when the assistant reads that channel:
 * a reply (message_type ai, naming the model and the asker) created at once and streamed in. The
 * model sees the channel's recent messages (the asker reads them: they asked there), without those
 * of users the asker blocked, and nothing else.
 */
export async function answerMention(question: Message, asker: Asker): Promise<void> {
  const ai = getConfig().ai;
  if (!ai || asker.is_bot) return;
  const assistant = await assistantAccount();
  if (!assistant || !question.mentions.includes(assistant.id)) return;
  const access = await findChannelAccess(assistant.id, question.channel_id);
  if (!access || !mayPost(access)) return;
  const provenance: AiProvenance = { model: ai.model, requested_by: { id: asker.id, username: asker.username } };
  const refusal = await overBudget(asker.id);
  if (refusal === "silent") return;
  const reply = await queries.insertMessage(
    {
      channel_id: question.channel_id, sender_id: assistant.id, content: refusal ?? WRITING_PLACEHOLDER, message_type: "ai", reply_to: question.id,
      author: assistant.username, avatar_url: assistant.avatar_url, nonce: null, attachment_ids: [], mentions: NO_MENTIONS, is_bot: true, ai: provenance,
    },
    announceMessage,
  );
  if (!reply || refusal) return;

  const context = async () => {
    const hidden = await usersAcrossBlock(asker.id);
    const recent = await db.message.findMany({
      where: { channel_id: question.channel_id, id: { lte: question.id }, message_type: { not: "system" }, sender_id: { notIn: hidden } },
      orderBy: { id: "desc" },
      take: CONTEXT_MESSAGES,
      select: { sender_id: true, author: true, content: true },
    });
    return [systemPrompt(assistant, `the channel #${access.channel.name}`), ...recent.reverse().map((m) => asChat(assistant.id, m.sender_id, m.author, m.content))];
  };
  await streamInto(ai, context, (content) => editMessage(assistant.id, reply.id, content));
}

/** The assistant answers every DM a person sends it, from their conversation's recent messages only. */
export async function answerDirectMessage(question: DirectMessage, asker: Asker): Promise<void> {
  const ai = getConfig().ai;
  if (!ai || asker.is_bot) return;
  const assistant = await assistantAccount();
  if (!assistant || question.receiver_id !== assistant.id) return;
  const provenance: AiProvenance = { model: ai.model, requested_by: { id: asker.id, username: asker.username } };
  const refusal = await overBudget(asker.id);
  if (refusal === "silent") return;
  const reply = await queries.insertDirectMessage(
    { sender_id: assistant.id, receiver_id: asker.id, content: refusal ?? WRITING_PLACEHOLDER, message_type: "ai", reply_to: question.id, nonce: null, attachment_ids: [], ai: provenance },
    announceDirectMessage,
  );
  if (!reply || refusal) return;

  const context = async () => {
    const recent = await db.directMessage.findMany({
      where: { id: { lte: question.id }, OR: [{ sender_id: asker.id, receiver_id: assistant.id }, { sender_id: assistant.id, receiver_id: asker.id }] },
      orderBy: { id: "desc" },
      take: CONTEXT_MESSAGES,
      select: { sender_id: true, content: true },
    });
    return [systemPrompt(assistant, `a direct conversation with ${asker.username}`), ...recent.reverse().map((m) => asChat(assistant.id, m.sender_id, asker.username, m.content))];
  };
  await streamInto(ai, context, (content) => editDirectMessage(assistant.id, reply.id, content));
}
