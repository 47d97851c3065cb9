import type { NotificationSettingInput } from "@/lib/validations/notifications";
import { requireChannelAccess, requireMember } from "../access";
import { db } from "../db/client";
import { effectiveSetting } from "./effective-setting";

const stored = (input: NotificationSettingInput) => ({ level: input.level, muted_until: input.muted_until ? new Date(input.muted_until) : null });

/** Sets the caller's own setting for a channel they can read; it overrides their community setting. */
export async function updateChannelNotificationSetting(userId: number, channelId: number, input: NotificationSettingInput) {
  await requireChannelAccess(userId, channelId);
  const data = stored(input);
  await db.channelNotificationSetting.upsert({
    where: { user_id_channel_id: { user_id: userId, channel_id: channelId } },
    create: { user_id: userId, channel_id: channelId, ...data },
    update: data,
  });
  return effectiveSetting(data, null);
}

/** Sets the caller's setting for the channels of a community they are in that have none of their own. */
export async function updateCommunityNotificationSetting(userId: number, communityId: number, input: NotificationSettingInput) {
  await requireMember(userId, communityId);
  const data = stored(input);
  await db.communityNotificationSetting.upsert({
    where: { user_id_community_id: { user_id: userId, community_id: communityId } },
    create: { user_id: userId, community_id: communityId, ...data },
    update: data,
  });
  return effectiveSetting(null, data);
}
