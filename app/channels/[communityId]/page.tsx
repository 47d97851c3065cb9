import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/feedback";
import { getViewer } from "@/lib/server/auth/viewer";
import { listChannels } from "@/lib/server/channels/list-channels";
import { orNotFound, pageId } from "@/lib/server/http/page-params";
import { LAST_CHANNEL_COOKIE, parseLastChannels } from "@/lib/last-channel";

/** A community opens on the channel last opened in it, else on its first text channel. */
export default async function CommunityPage({ params }: { params: Promise<{ communityId: string }> }) {
  const communityId = pageId((await params).communityId);
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const channels = await orNotFound(listChannels(viewer.user.id, communityId));
  const last = parseLastChannels((await cookies()).get(LAST_CHANNEL_COOKIE)?.value).get(communityId);
  const target = channels.find((c) => c.id === last) ?? channels.find((c) => c.type !== "voice") ?? channels[0];
  if (target) redirect(`/channels/${communityId}/${target.id}`);
  return <EmptyState title="No channels yet">Ask an owner or admin to create one.</EmptyState>;
}
