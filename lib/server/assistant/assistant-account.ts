import { getConfig } from "../config";
import { db, isUniqueViolation } from "../db/client";
import type { User } from "../db/generated/client";

/** The built-in assistant's row is found by this address (registration refuses it: no dot in the domain). */
export const ASSISTANT_EMAIL = "assistant@auraflow";

/**
 * Whether a new account or bot may not take this name: the assistant's (AI_ASSISTANT_NAME, aura by
 * default), also while the assistant is off, so that nobody holds it when an operator turns it on.
 */
export function reservedForAssistant(usernameLower: string): boolean {
  return usernameLower === getConfig().aiAssistantName.toLowerCase();
}

/** The assistant's name is taken by somebody else: the server does not start (see server.ts). */
export class AssistantNameTaken extends Error {}

let assistant: Promise<User> | undefined;

async function findOrCreate(name: string): Promise<User> {
  const data = { username: name, username_lower: name.toLowerCase(), display_name: name };
  const existing = await db.user.findUnique({ where: { email: ASSISTANT_EMAIL } });
  try {
    if (existing) return existing.username === name ? existing : await db.user.update({ where: { id: existing.id }, data });
    return await db.user.create({ data: { ...data, email: ASSISTANT_EMAIL, password_hash: "!assistant", is_bot: true, is_ai: true } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another node created it meanwhile, or a person has the name.
    const raced = await db.user.findUnique({ where: { email: ASSISTANT_EMAIL } });
    if (raced?.username === name) return raced;
    throw new AssistantNameTaken(`the username ${name} belongs to a user: choose another AI_ASSISTANT_NAME`);
  }
}

/**
 * The built-in assistant's account (created on first use, renamed when AI_ASSISTANT_NAME changes), or
 * null without AI_BASE_URL. It is an AI bot of nobody's: admins add it to communities like any bot.
 */
export async function assistantAccount(): Promise<User | null> {
  if (!getConfig().ai) return null;
  assistant ??= findOrCreate(getConfig().aiAssistantName).catch((error: unknown) => {
    assistant = undefined;
    throw error;
  });
  return assistant;
}

/** Whether `user` is the built-in assistant (whose DMs are open to everyone). */
export function isAssistant(user: Pick<User, "email">): boolean {
  return user.email === ASSISTANT_EMAIL;
}
