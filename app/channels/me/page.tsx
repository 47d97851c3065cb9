import { Workspace } from "@/components/app/workspace";
import { EmptyState } from "@/components/ui/feedback";

// Placeholder until the DM list and friends view land.
export default function DirectHomePage() {
  return (
    <Workspace sidebar={<div className="p-4 text-sm text-muted">Direct messages</div>} header={<h1 className="font-semibold text-strong">Friends</h1>}>
      <EmptyState title="Welcome to Auraflow">Pick a community on the left, or create one.</EmptyState>
    </Workspace>
  );
}
