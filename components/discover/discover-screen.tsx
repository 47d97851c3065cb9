"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Workspace } from "@/components/app/workspace";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/feedback";
import { CompassIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { Community } from "@/lib/api/entities";
import { ApiRequestError, callApi } from "@/lib/api-client";
import { initials } from "@/lib/format";

function memberCount(count: number) {
  return `${count.toLocaleString()} ${count === 1 ? "member" : "members"}`;
}

function CommunityCard({ community, joining, onJoin }: { community: Community; joining: boolean; onJoin: () => void }) {
  const nameId = useId();
  const colour = community.color ?? "#7c3aed";
  return (
    <article aria-labelledby={nameId} className="flex flex-col overflow-hidden rounded-lg bg-sidebar shadow-sm transition hover:-translate-y-0.5 hover:shadow-lg">
      <div aria-hidden className="h-20 shrink-0 bg-cover bg-center" style={{ backgroundColor: colour, backgroundImage: community.banner_url ? `url(${JSON.stringify(community.banner_url)})` : undefined }} />
      <div className="flex flex-1 flex-col px-4 pb-4">
        <span aria-hidden className="-mt-7 mb-2 grid size-14 place-items-center overflow-hidden rounded-2xl border-4 border-sidebar text-lg font-semibold text-white" style={{ backgroundColor: colour }}>
          {community.icon ? (
            // eslint-disable-next-line @next/next/no-img-element -- user-supplied icon URL
            <img src={community.icon} alt="" className="size-full object-cover" referrerPolicy="no-referrer" />
          ) : (
            initials(community.name)
          )}
        </span>
        <h2 id={nameId} className="truncate font-semibold text-strong">
          {community.name}
        </h2>
        <p className="mt-1 line-clamp-3 flex-1 text-sm text-muted">{community.description || "No description yet."}</p>
        <div className="mt-4 flex items-center justify-between gap-2">
          <span className="flex items-center gap-1.5 text-xs text-muted">
            <span aria-hidden className="size-2 rounded-full bg-zinc-500" />
            {memberCount(community.member_count)}
          </span>
          <Button size="sm" variant="success" disabled={joining} onClick={onJoin} aria-label={`Join ${community.name}`}>
            {joining ? "Joining…" : "Join"}
          </Button>
        </div>
      </div>
    </article>
  );
}

/** Communities the caller is not in, largest first, a page at a time; joining one opens it. */
export function DiscoverScreen({ initial, pageSize }: { initial: Community[]; pageSize: number }) {
  const router = useRouter();
  const toast = useToast();
  const { communities: mine, upsertCommunity } = useAppState();
  const [items, setItems] = useState(initial);
  const [hasMore, setHasMore] = useState(initial.length === pageSize);
  const [loading, setLoading] = useState(false);
  const [joiningId, setJoiningId] = useState<number | null>(null);

  // Joined here or elsewhere (another tab, an invite): no longer something to discover.
  const shown = items.filter((c) => !mine.some((m) => m.id === c.id));

  async function loadMore() {
    setLoading(true);
    try {
      // Communities joined since the first page left the server's list, so offset by what is still in it.
      const page = await callApi(endpoints.discoverCommunities, { query: { limit: pageSize, offset: shown.length } });
      setItems((list) => [...list, ...page.filter((c) => !list.some((known) => known.id === c.id))]);
      setHasMore(page.length === pageSize);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not load more communities");
    } finally {
      setLoading(false);
    }
  }

  async function join(community: Community) {
    setJoiningId(community.id);
    try {
      upsertCommunity(await callApi(endpoints.joinCommunity, { params: { id: community.id } }));
      toast.success(`Welcome to ${community.name}!`);
      router.push(`/channels/${community.id}`);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 409) return router.push(`/channels/${community.id}`);
      toast.error(error instanceof Error ? error.message : "Could not join the community");
      setJoiningId(null);
    }
  }

  return (
    <Workspace
      sidebar={
        <div className="flex min-h-0 flex-1 flex-col">
          <div className="flex h-12 shrink-0 items-center border-b border-subtle px-4 font-semibold text-strong shadow-sm">Discover</div>
          <div className="space-y-3 p-4 text-sm text-muted">
            <p className="flex items-center gap-2 rounded-md bg-raised px-2 py-1.5 font-medium text-strong">
              <CompassIcon className="size-5 shrink-0" />
              Communities
            </p>
            <p>Every community here is open: join one to read its channels and talk with its members.</p>
            <p>The largest come first. To start your own, use the + in the rail.</p>
          </div>
        </div>
      }
      header={
        <>
          <CompassIcon className="size-6 shrink-0 text-muted" />
          <h1 className="truncate font-semibold text-strong">Discover communities</h1>
        </>
      }
    >
      <div className="min-h-0 flex-1 overflow-y-auto">
        <section aria-label="Find your community" className="mx-4 mt-4 rounded-xl bg-gradient-to-br from-aura-700 to-indigo-800 px-6 py-8 text-center sm:mx-6 sm:py-10">
          <p className="text-xl font-bold text-white sm:text-2xl">Find your community on Auraflow</p>
          <p className="mt-1 text-sm text-white/80">From gaming to music to learning, there is a place for you.</p>
        </section>
        {shown.length === 0 && !hasMore ? (
          <EmptyState title="Nothing new to join">Every community is one you are already in. Start your own with the + in the rail.</EmptyState>
        ) : (
          <div className="px-4 py-6 sm:px-6">
            <h2 className="mb-3 font-semibold text-strong">Popular communities</h2>
            <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-4">
              {shown.map((community) => (
                <CommunityCard key={community.id} community={community} joining={joiningId === community.id} onJoin={() => void join(community)} />
              ))}
            </div>
            {hasMore && (
              <div className="mt-6 flex justify-center">
                <Button variant="secondary" disabled={loading} onClick={() => void loadMore()}>
                  {loading ? "Loading…" : "Load more"}
                </Button>
              </div>
            )}
          </div>
        )}
      </div>
    </Workspace>
  );
}
