import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { listMentions } from "@/lib/server/users/list-mentions";

// GET /api/users/me/mentions – the caller's recent mentions in channels they can read, newest first
export const GET = handle(endpoints.listMentions, async ({ auth, query }) => json(await listMentions(auth.user.id, query)));
