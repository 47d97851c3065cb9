import { Workspace } from "@/components/app/workspace";
import { DirectSidebar } from "@/components/dm/direct-sidebar";
import { MessageSkeleton, Skeleton } from "@/components/ui/feedback";

export default function ConversationLoading() {
  return (
    <Workspace
      sidebar={<DirectSidebar />}
      header={
        <>
          <Skeleton className="size-6 rounded-full" />
          <Skeleton className="h-4 w-32" />
        </>
      }
    >
      <div className="flex min-h-0 flex-1 flex-col justify-end overflow-hidden">
        <MessageSkeleton rows={7} />
      </div>
      <div className="px-4 pb-6">
        <Skeleton className="h-11 w-full rounded-lg" />
      </div>
    </Workspace>
  );
}
