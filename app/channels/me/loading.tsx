import { Workspace } from "@/components/app/workspace";
import { DirectSidebar } from "@/components/dm/direct-sidebar";
import { Skeleton } from "@/components/ui/feedback";
import { UsersIcon } from "@/components/ui/icons";

export default function FriendsLoading() {
  return (
    <Workspace
      sidebar={<DirectSidebar />}
      header={
        <>
          <UsersIcon className="size-6 shrink-0 text-muted" />
          <span className="font-semibold text-strong">Friends</span>
          <Skeleton className="ml-2 h-5 w-60" />
        </>
      }
    >
      <div role="status" aria-label="Loading friends" className="space-y-1 px-5 pt-4">
        <Skeleton className="mb-4 h-3 w-24" />
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="flex items-center gap-3 border-t border-raised py-3">
            <Skeleton className="size-8 rounded-full" />
            <div className="flex-1 space-y-2">
              <Skeleton className={`h-3 ${i % 2 ? "w-28" : "w-40"}`} />
              <Skeleton className="h-2.5 w-16" />
            </div>
            <Skeleton className="size-9 rounded-full" />
            <Skeleton className="size-9 rounded-full" />
          </div>
        ))}
      </div>
    </Workspace>
  );
}
