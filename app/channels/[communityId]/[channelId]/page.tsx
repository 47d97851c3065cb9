import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChannelScreen } from "@/components/chat/channel-screen";
import { findMembership } from "@/lib/server/access";
import { getViewer } from "@/lib/server/auth/viewer";
import { getChannel } from "@/lib/server/channels/get-channel";
import { listChannels } from "@/lib/server/channels/list-channels";
import { getCommunity } from "@/lib/server/communities/get-community";
import { listMembers } from "@/lib/server/communities/list-members";
import { orNotFound, pageId } from "@/lib/server/http/page-params";
import { listMessages } from "@/lib/server/messages/list-messages";

type Params = Promise<{ communityId: string; channelId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const viewer = await getViewer();
  const channelId = Number((await params).channelId);
  if (!viewer || !Number.isSafeInteger(channelId)) return {};
  const channel = await getChannel(viewer.user.id, channelId).catch(() => null);
  if (!channel) return {};
  return { title: channel.type === "voice" ? channel.name : `#${channel.name}` };
}

export default async function ChannelPage({ params }: { params: Params }) {
  const { communityId: rawCommunity, channelId: rawChannel } = await params;
  const communityId = pageId(rawCommunity);
  const channelId = pageId(rawChannel);
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const userId = viewer.user.id;

  const channel = await orNotFound(getChannel(userId, channelId));
  if (channel.community_id !== communityId) redirect(`/channels/${channel.community_id}/${channel.id}`);
  const [community, channels, messages, members, membership] = await Promise.all([
    getCommunity(userId, communityId),
    listChannels(userId, communityId),
    channel.type === "voice" ? [] : listMessages(userId, channelId, { limit: 50, offset: 0 }),
    listMembers(userId, communityId, { limit: 100, offset: 0 }),
    findMembership(userId, communityId),
  ]);

  return <ChannelScreen key={channel.id} community={community} channel={channel} channels={channels} messages={messages} members={members} timeoutUntil={membership?.timeout_until?.toISOString() ?? null} />;
}
