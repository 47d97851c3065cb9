import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { getVoiceState } from "@/lib/server/realtime/voice";

// GET /api/channels/{id}/voice – who is in a voice channel now
export const GET = handle(endpoints.getVoiceState, async ({ auth, params }) => json(await getVoiceState(auth.user.id, params.id)));
