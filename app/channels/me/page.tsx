import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { FriendsHome } from "@/components/friends/friends-home";
import { getViewer } from "@/lib/server/auth/viewer";
import { listBlockedUsers } from "@/lib/server/friends/list-blocked-users";
import { listFriends } from "@/lib/server/friends/list-friends";

export const metadata: Metadata = { title: "Friends" };

export default async function FriendsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const [friends, blocked] = await Promise.all([listFriends(viewer.user.id), listBlockedUsers(viewer.user.id)]);
  return <FriendsHome friends={friends} blocked={blocked} />;
}
