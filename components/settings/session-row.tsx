import { Button } from "@/components/ui/button";
import type { Session } from "@/lib/api/entities";
import { messageTimestamp } from "@/lib/format";
import { describeUserAgent } from "@/lib/user-agent";

/** One signed-in device: what it is, where from, since when, and a way to end it (not this one). */
export function SessionRow({ session, ending, onEnd }: { session: Session; ending: boolean; onEnd: () => void }) {
  const device = describeUserAgent(session.user_agent);
  const signedIn = messageTimestamp(session.created_at);
  return (
    <li className="flex items-center gap-3 rounded-md bg-rail px-3 py-2">
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-strong">
          <span className="truncate">{device}</span>
          <span className="rounded bg-raised px-1.5 text-xs font-normal text-muted">{session.kind === "browser" ? "Browser" : "App token"}</span>
          {session.current && <span className="rounded bg-aura-600 px-1.5 text-xs font-semibold text-white">This device</span>}
        </p>
        <p className="truncate text-xs text-muted">
          {session.ip ?? "Unknown address"} · Signed in {signedIn}
        </p>
      </div>
      {!session.current && (
        <Button variant="secondary" size="sm" disabled={ending} onClick={onEnd} aria-label={`Log out ${device}, signed in ${signedIn}`}>
          {ending ? "Logging out…" : "Log out"}
        </Button>
      )}
    </li>
  );
}
