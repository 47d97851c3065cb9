import { endpoints } from "@/lib/api/endpoints";
import { sessionClient } from "@/lib/server/auth/record-session";
import { rotateBotToken } from "@/lib/server/bots/rotate-bot-token";
import { handle, json } from "@/lib/server/http/route";

// POST /api/bots/{id}/token – rotate the caller's bot's token
export const POST = handle(endpoints.rotateBotToken, async ({ req, auth, params }) =>
  json(await rotateBotToken(auth.user.id, params.id, sessionClient((name) => req.headers.get(name)))),
);
