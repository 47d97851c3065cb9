import { endpoints } from "@/lib/api/endpoints";
import { summarizeUnread } from "@/lib/server/assistant/summarize-unread";
import { handle, json } from "@/lib/server/http/route";

// POST /api/channels/{id}/summary – catch me up on a channel's unread messages
export const POST = handle(endpoints.summarizeChannel, async ({ auth, params, body }) => json(await summarizeUnread(auth.user.id, params.id, { fromMessageId: body.from_message_id })));
