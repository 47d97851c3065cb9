import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { markRead } from "@/lib/server/messages/mark-read";

// POST /api/messages/read – mark a channel (up to a message) or a DM conversation as read
export const POST = handle(endpoints.markRead, async ({ auth, body }) => json(await markRead(auth.user.id, body)));
