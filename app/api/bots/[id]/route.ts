import { endpoints } from "@/lib/api/endpoints";
import { deleteBot } from "@/lib/server/bots/delete-bot";
import { updateBot } from "@/lib/server/bots/update-bot";
import { handle, json, noContent } from "@/lib/server/http/route";

// PATCH /api/bots/{id} – change the caller's bot
export const PATCH = handle(endpoints.updateBot, async ({ auth, params, body }) => json(await updateBot(auth.user.id, params.id, body)));

// DELETE /api/bots/{id} – delete the caller's bot
export const DELETE = handle(endpoints.deleteBot, async ({ auth, params }) => {
  await deleteBot(auth.user.id, params.id);
  return noContent();
});
