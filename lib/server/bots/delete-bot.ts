import { eraseAccount } from "../users/delete-account";
import { findOwnBot } from "./find-bot";

/**
 * Deletes the caller's bot as an account is deleted: its tokens stop working and its sockets
 * close, it leaves every community, and its messages stay under "Deleted User".
 */
export async function deleteBot(ownerId: number, botId: number): Promise<void> {
  const bot = await findOwnBot(ownerId, botId);
  await eraseAccount(bot.id);
}
