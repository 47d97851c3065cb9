import { SparklesIcon } from "@/components/ui/icons";
import type { AiProvenance } from "@/lib/api/entities";

/** "written by AI · model, asked by username": what wrote an ai message, and at whose request. */
export function aiProvenanceText(ai: AiProvenance): string {
  return `written by AI · ${ai.model}${ai.requested_by ? `, asked by ${ai.requested_by.username}` : ""}`;
}

/** Under the author line of an ai message: an icon and muted text that screen readers read too. */
export function AiBadge({ ai }: { ai: AiProvenance }) {
  return (
    <p className="flex items-start gap-1 text-xs text-muted">
      <SparklesIcon className="mt-px size-3.5 shrink-0 text-aura-600 dark:text-aura-400" />
      <span className="min-w-0 break-words">{aiProvenanceText(ai)}</span>
    </p>
  );
}
