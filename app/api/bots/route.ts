import { endpoints } from "@/lib/api/endpoints";
import { sessionClient } from "@/lib/server/auth/record-session";
import { createBot } from "@/lib/server/bots/create-bot";
import { listBots } from "@/lib/server/bots/list-bots";
import { handle, json } from "@/lib/server/http/route";

// POST /api/bots – create a bot and its first token
export const POST = handle(endpoints.createBot, async ({ req, auth, body }) =>
  json(await createBot(auth.user, body, sessionClient((name) => req.headers.get(name))), 201),
);

// GET /api/bots – the caller's bots
export const GET = handle(endpoints.listBots, async ({ auth }) => json(await listBots(auth.user.id)));
