import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { executeWebhook } from "@/lib/server/webhooks/execute-webhook";

// POST /api/webhooks/{id}/{token} – post a message as the webhook; the token is the credential, a cookie or Bearer counts for nothing
export const POST = handle(endpoints.executeWebhook, async ({ params, body }) => json(await executeWebhook(params.id, params.token, body), 201));
