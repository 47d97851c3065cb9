import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { markUnread } from "@/lib/server/messages/mark-unread";

// POST /api/messages/unread – mark a channel or a DM conversation unread from a message on
export const POST = handle(endpoints.markUnread, async ({ auth, body }) => json(await markUnread(auth.user.id, body)));
