import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { DiscoverScreen } from "@/components/discover/discover-screen";
import { getViewer } from "@/lib/server/auth/viewer";
import { discoverCommunities } from "@/lib/server/communities/discover-communities";

const PAGE_SIZE = 24;

export const metadata: Metadata = { title: "Discover" };

export default async function DiscoverPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const communities = await discoverCommunities(viewer.user.id, { limit: PAGE_SIZE, offset: 0 });
  return <DiscoverScreen initial={communities} pageSize={PAGE_SIZE} />;
}
