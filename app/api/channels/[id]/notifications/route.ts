import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { getChannelNotificationSetting } from "@/lib/server/notifications/get-notification-settings";
import { updateChannelNotificationSetting } from "@/lib/server/notifications/update-notification-settings";

// GET /api/channels/{id}/notifications – the caller's notification setting that holds for a channel
export const GET = handle(endpoints.getChannelNotifications, async ({ auth, params }) => json(await getChannelNotificationSetting(auth.user.id, params.id)));

// PUT /api/channels/{id}/notifications – set the caller's own setting for a channel
export const PUT = handle(endpoints.updateChannelNotifications, async ({ auth, params, body }) =>
  json(await updateChannelNotificationSetting(auth.user.id, params.id, body)),
);
