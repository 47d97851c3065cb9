import { redirect } from "next/navigation";
import { DirectProvider } from "@/components/dm/direct-provider";
import { getViewer } from "@/lib/server/auth/viewer";
import { listConversations } from "@/lib/server/direct-messages/list-conversations";
import { listFriendRequests } from "@/lib/server/friends/list-friend-requests";

/** Every /channels/me page shares the DM list and the pending friend requests, kept live across them. */
export default async function DirectLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const userId = viewer.user.id;
  const [conversations, incoming, outgoing] = await Promise.all([
    listConversations(userId, { limit: 100, offset: 0 }),
    listFriendRequests(userId, "incoming"),
    listFriendRequests(userId, "outgoing"),
  ]);
  return (
    <DirectProvider conversations={conversations} incoming={incoming} outgoing={outgoing}>
      {children}
    </DirectProvider>
  );
}
