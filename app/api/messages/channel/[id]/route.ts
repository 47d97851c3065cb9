import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { listMessages } from "@/lib/server/messages/list-messages";

// GET /api/messages/channel/{id} – a page of a channel's messages, oldest to newest
export const GET = handle(endpoints.listMessages, async ({ auth, params, query }) => json(await listMessages(auth.user.id, params.id, query)));
