import { redirect } from "next/navigation";
import { AppProviders } from "@/components/app/app-providers";
import { getViewer } from "@/lib/server/auth/viewer";
import { listCommunities } from "@/lib/server/communities/list-communities";
import { listBlockedUsers } from "@/lib/server/friends/list-blocked-users";
import { toSelfUser } from "@/lib/server/users/serialize";
import { unreadSummary } from "@/lib/server/users/unread-summary";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const [communities, unread, blocked] = await Promise.all([
    listCommunities(viewer.user.id, { limit: 100, offset: 0 }),
    unreadSummary(viewer.user.id),
    listBlockedUsers(viewer.user.id),
  ]);
  return (
    <AppProviders me={toSelfUser(viewer.user)} communities={communities} unread={unread} blocked={blocked.map((user) => user.id)}>
      {children}
    </AppProviders>
  );
}
