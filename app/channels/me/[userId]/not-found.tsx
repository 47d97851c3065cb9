import Link from "next/link";
import { Workspace } from "@/components/app/workspace";
import { DirectSidebar } from "@/components/dm/direct-sidebar";
import { EmptyState } from "@/components/ui/feedback";

export default function ConversationNotFound() {
  return (
    <Workspace sidebar={<DirectSidebar />} header={<h1 className="font-semibold text-strong">User not found</h1>}>
      <EmptyState
        title="There is no one here"
        action={
          <Link href="/channels/me" className="rounded-md bg-aura-600 px-4 py-2 text-sm font-medium text-white hover:bg-aura-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-aura-400">
            Back to friends
          </Link>
        }
      >
        This user does not exist. Find someone with the search in the sidebar.
      </EmptyState>
    </Workspace>
  );
}
