import { Workspace } from "@/components/app/workspace";
import { MessageSkeleton, Skeleton } from "@/components/ui/feedback";

function SidebarSkeleton() {
  return (
    <div role="status" aria-label="Loading channels" className="space-y-3 p-4">
      <Skeleton className="h-5 w-36" />
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className={`h-4 ${i % 2 ? "w-28" : "w-36"}`} />
      ))}
    </div>
  );
}

export default function ChannelLoading() {
  return (
    <Workspace sidebar={<SidebarSkeleton />} header={<Skeleton className="h-5 w-40" />}>
      <div className="flex min-h-0 flex-1 flex-col justify-end">
        <MessageSkeleton />
      </div>
    </Workspace>
  );
}
