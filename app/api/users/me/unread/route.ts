import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { unreadSummary } from "@/lib/server/users/unread-summary";

// GET /api/users/me/unread – unread counts of every readable channel and of each conversation
export const GET = handle(endpoints.unreadSummary, async ({ auth }) => json(await unreadSummary(auth.user.id)));
