import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConversationScreen } from "@/components/dm/conversation-screen";
import { getViewer } from "@/lib/server/auth/viewer";
import { listDirectMessages } from "@/lib/server/direct-messages/list-direct-messages";
import { orNotFound, pageId } from "@/lib/server/http/page-params";
import { getUserProfile } from "@/lib/server/users/get-user-profile";

type Params = Promise<{ userId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const viewer = await getViewer();
  const peerId = Number((await params).userId);
  if (!viewer || !Number.isSafeInteger(peerId) || peerId === viewer.user.id) return {};
  const peer = await getUserProfile(viewer.user.id, peerId).catch(() => null);
  return peer ? { title: `@${peer.display_name}` } : {};
}

export default async function ConversationPage({ params }: { params: Params }) {
  const peerId = pageId((await params).userId);
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (peerId === viewer.user.id) redirect("/channels/me");

  const peer = await orNotFound(getUserProfile(viewer.user.id, peerId));
  const messages = await listDirectMessages(viewer.user.id, peerId, { limit: 50, offset: 0 });
  return <ConversationScreen key={peer.id} peer={peer} messages={messages} />;
}
