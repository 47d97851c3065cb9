import type { SelfUser } from "@/lib/api/entities";
import { Avatar } from "./avatar";
import { LogoutButton } from "./logout-button";

/**
 * The signed-in frame: community rail, channel sidebar with the user panel, message pane and
 * member list. The panes are placeholders until communities and messages arrive.
 */
export function AppShell({ user }: { user: SelfUser }) {
  return (
    <div className="flex h-full overflow-hidden text-normal">
      <nav aria-label="Communities" className="flex w-[72px] shrink-0 flex-col items-center gap-2 bg-rail py-3">
        <span
          title="Direct messages"
          className="grid size-12 place-items-center rounded-2xl bg-gradient-to-br from-aura-400 to-aura-700 text-lg font-bold text-white"
        >
          A
        </span>
        <span aria-hidden className="h-0.5 w-8 rounded bg-raised" />
      </nav>

      <aside aria-label="Channels" className="hidden w-60 shrink-0 flex-col bg-sidebar sm:flex">
        <header className="flex h-12 items-center border-b border-subtle px-4 font-semibold text-strong shadow-sm">Direct Messages</header>
        <div className="flex-1 p-4 text-sm text-muted">No conversations yet.</div>
        <section aria-label="User panel" className="flex items-center gap-2 bg-rail/60 px-2 py-2">
          <Avatar name={user.display_name} url={user.avatar_url} status={user.status} />
          <div className="min-w-0 flex-1 leading-tight">
            <p className="truncate text-sm font-semibold text-strong" data-testid="current-user">
              {user.display_name}
            </p>
            <p className="truncate text-xs text-muted">@{user.username}</p>
          </div>
          <LogoutButton />
        </section>
      </aside>

      <main className="flex min-w-0 flex-1 flex-col bg-main">
        <header className="flex h-12 items-center border-b border-subtle px-4 font-semibold text-strong shadow-sm">Home</header>
        <div className="grid flex-1 place-items-center p-8 text-center">
          <div className="max-w-sm">
            <h1 className="text-2xl font-semibold text-strong">Welcome to Auraflow, {user.display_name}!</h1>
            <p className="mt-2 text-muted">Communities, channels and friends will show up here.</p>
          </div>
        </div>
        <div className="sm:hidden">
          <section aria-label="User panel" className="flex items-center gap-2 bg-sidebar px-3 py-2">
            <Avatar name={user.display_name} url={user.avatar_url} status={user.status} />
            <p className="min-w-0 flex-1 truncate text-sm font-semibold text-strong">{user.display_name}</p>
            <LogoutButton />
          </section>
        </div>
      </main>

      <aside aria-label="Members" className="hidden w-60 shrink-0 bg-sidebar p-4 text-sm text-muted lg:block">
        Members
      </aside>
    </div>
  );
}
