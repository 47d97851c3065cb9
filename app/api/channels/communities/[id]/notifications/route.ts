import { endpoints } from "@/lib/api/endpoints";
import { handle, json } from "@/lib/server/http/route";
import { getCommunityNotificationSetting } from "@/lib/server/notifications/get-notification-settings";
import { updateCommunityNotificationSetting } from "@/lib/server/notifications/update-notification-settings";

// GET /api/channels/communities/{id}/notifications – the caller's notification setting for a community
export const GET = handle(endpoints.getCommunityNotifications, async ({ auth, params }) => json(await getCommunityNotificationSetting(auth.user.id, params.id)));

// PUT /api/channels/communities/{id}/notifications – set the caller's setting for a community's channels
export const PUT = handle(endpoints.updateCommunityNotifications, async ({ auth, params, body }) =>
  json(await updateCommunityNotificationSetting(auth.user.id, params.id, body)),
);
