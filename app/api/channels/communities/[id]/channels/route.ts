import { endpoints } from "@/lib/api/endpoints";
import { createChannel } from "@/lib/server/channels/create-channel";
import { listChannels } from "@/lib/server/channels/list-channels";
import { handle, json } from "@/lib/server/http/route";

// GET /api/channels/communities/{id}/channels – the channels the caller can see, with unread counts
export const GET = handle(endpoints.listChannels, async ({ auth, params }) => json(await listChannels(auth.user.id, params.id)));

// POST /api/channels/communities/{id}/channels – create a channel (owner or admin)
export const POST = handle(endpoints.createChannel, async ({ auth, params, body }) =>
  json(await createChannel(auth.user.id, params.id, body), 201),
);
