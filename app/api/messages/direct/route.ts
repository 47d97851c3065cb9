import { endpoints } from "@/lib/api/endpoints";
import { listConversations } from "@/lib/server/direct-messages/list-conversations";
import { handle, json } from "@/lib/server/http/route";

// GET /api/messages/direct – the caller's conversations, most recent first
export const GET = handle(endpoints.listConversations, async ({ auth, query }) => json(await listConversations(auth.user.id, query)));
