import { endpoints } from "@/lib/api/endpoints";
import { searchDirectMessages } from "@/lib/server/direct-messages/search-direct-messages";
import { handle, json } from "@/lib/server/http/route";
import { searchMessages } from "@/lib/server/messages/search-messages";

// GET /api/messages/search – full-text search of the channels the caller reads, or of one of their DM conversations
export const GET = handle(endpoints.searchMessages, async ({ auth, query }) =>
  json(query.dm_user_id === undefined ? await searchMessages(auth.user.id, query) : await searchDirectMessages(auth.user.id, query.dm_user_id, query)),
);
