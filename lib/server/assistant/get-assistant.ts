import type { Assistant } from "@/lib/api/entities";
import { getConfig } from "../config";
import { db } from "../db/client";
import { notFound } from "../errors";
import { toPublicUser } from "../users/serialize";
import { assistantAccount } from "./assistant-account";

/** Whether the server has an assistant, who it is and which model it uses: 404 without one. */
export async function getAssistant(): Promise<Assistant> {
  const ai = getConfig().ai;
  const assistant = await assistantAccount();
  if (!ai || !assistant) throw notFound("Assistant");
  // The account as it is now (presence, profile), not as it was when first looked up.
  return { user: toPublicUser(await db.user.findUniqueOrThrow({ where: { id: assistant.id } })), model: ai.model };
}
