import { endpoints } from "@/lib/api/endpoints";
import { leaveChannel } from "@/lib/server/channels/leave-channel";
import { handle, json } from "@/lib/server/http/route";

// POST /api/channels/{id}/leave – leave a channel (ends private-channel membership)
export const POST = handle(endpoints.leaveChannel, async ({ auth, params }) => json(await leaveChannel(auth.user.id, params.id)));
