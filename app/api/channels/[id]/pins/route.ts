import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { listPins } from "@/lib/server/pins/list-pins";

// GET /api/channels/{id}/pins – the channel's pinned messages, newest pin first
export const GET = handle(endpoints.listPins, async ({ auth, params }) => json(await listPins(auth.user.id, params.id)));
