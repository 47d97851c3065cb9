import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { createWebhook } from "@/lib/server/webhooks/create-webhook";
import { listWebhooks } from "@/lib/server/webhooks/list-webhooks";

// POST /api/channels/{id}/webhooks – create an incoming webhook; its token is shown only here (owner or admin)
export const POST = handle(endpoints.createWebhook, async ({ auth, params, body }) => json(await createWebhook(auth.user.id, params.id, body), 201));

// GET /api/channels/{id}/webhooks – the channel's webhooks, without tokens (owner or admin)
export const GET = handle(endpoints.listWebhooks, async ({ auth, params }) => json(await listWebhooks(auth.user.id, params.id)));
