import { Workspace } from "@/components/app/workspace";
import { Skeleton } from "@/components/ui/feedback";
import { CompassIcon } from "@/components/ui/icons";

export default function DiscoverLoading() {
  return (
    <Workspace
      sidebar={<div className="flex h-12 shrink-0 items-center border-b border-subtle px-4 font-semibold text-strong shadow-sm">Discover</div>}
      header={
        <>
          <CompassIcon className="size-6 shrink-0 text-muted" />
          <span className="font-semibold text-strong">Discover communities</span>
        </>
      }
    >
      <div role="status" aria-label="Loading communities" className="grid grid-cols-1 gap-4 p-6 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="overflow-hidden rounded-lg bg-sidebar">
            <Skeleton className="h-20 rounded-none" />
            <div className="space-y-2 p-4">
              <Skeleton className="h-4 w-32" />
              <Skeleton className="h-3 w-full" />
              <Skeleton className="h-3 w-2/3" />
            </div>
          </div>
        ))}
      </div>
    </Workspace>
  );
}
