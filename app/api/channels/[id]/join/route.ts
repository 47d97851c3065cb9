import { endpoints } from "@/lib/api/endpoints";
import { joinChannel } from "@/lib/server/channels/join-channel";
import { handle, json } from "@/lib/server/http/route";

// POST /api/channels/{id}/join – join a channel the caller can see
export const POST = handle(endpoints.joinChannel, async ({ auth, params }) => json(await joinChannel(auth.user.id, params.id)));
