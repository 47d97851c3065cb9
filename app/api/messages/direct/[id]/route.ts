import { endpoints } from "@/lib/api/endpoints";
import { listDirectMessages } from "@/lib/server/direct-messages/list-direct-messages";
import { handle, json } from "@/lib/server/http/route";

// GET /api/messages/direct/{id} – a page of the conversation with user {id}
export const GET = handle(endpoints.listDirectMessages, async ({ auth, params, query }) =>
  json(await listDirectMessages(auth.user.id, params.id, query)),
);
