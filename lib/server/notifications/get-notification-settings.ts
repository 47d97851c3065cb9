import { requireChannelAccess, requireMember } from "../access";
import { db } from "../db/client";
import { effectiveSetting } from "./effective-setting";

const SETTING = { level: true, muted_until: true } as const;

/** The caller's setting that holds for a channel they can read (404 for any other). */
export async function getChannelNotificationSetting(userId: number, channelId: number) {
  const { channel } = await requireChannelAccess(userId, channelId);
  const [own, community] = await Promise.all([
    db.channelNotificationSetting.findUnique({ where: { user_id_channel_id: { user_id: userId, channel_id: channel.id } }, select: SETTING }),
    db.communityNotificationSetting.findUnique({ where: { user_id_community_id: { user_id: userId, community_id: channel.community_id } }, select: SETTING }),
  ]);
  return effectiveSetting(own, community);
}

/** The caller's setting for a community they are in (404 for any other). */
export async function getCommunityNotificationSetting(userId: number, communityId: number) {
  await requireMember(userId, communityId);
  const own = await db.communityNotificationSetting.findUnique({ where: { user_id_community_id: { user_id: userId, community_id: communityId } }, select: SETTING });
  return effectiveSetting(null, own);
}

/** Every setting of the user, by channel and by community: what the rail's counts go through. */
export async function notificationSettingsOf(userId: number) {
  const [channels, communities] = await Promise.all([
    db.channelNotificationSetting.findMany({ where: { user_id: userId }, select: { channel_id: true, ...SETTING } }),
    db.communityNotificationSetting.findMany({ where: { user_id: userId }, select: { community_id: true, ...SETTING } }),
  ]);
  const byChannel = new Map(channels.map((row) => [row.channel_id, row]));
  const byCommunity = new Map(communities.map((row) => [row.community_id, row]));
  return (channelId: number, communityId: number) => effectiveSetting(byChannel.get(channelId) ?? null, byCommunity.get(communityId) ?? null);
}
