import { redirect } from "next/navigation";
import { EmptyState } from "@/components/ui/feedback";
import { getViewer } from "@/lib/server/auth/viewer";
import { listChannels } from "@/lib/server/channels/list-channels";
import { orNotFound, pageId } from "@/lib/server/http/page-params";

/** A community opens on its first text channel. */
export default async function CommunityPage({ params }: { params: Promise<{ communityId: string }> }) {
  const communityId = pageId((await params).communityId);
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const channels = await orNotFound(listChannels(viewer.user.id, communityId));
  const first = channels.find((c) => c.type !== "voice") ?? channels[0];
  if (first) redirect(`/channels/${communityId}/${first.id}`);
  return <EmptyState title="No channels yet">Ask an owner or admin to create one.</EmptyState>;
}
