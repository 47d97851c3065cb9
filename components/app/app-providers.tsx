"use client";

import { BlockedUsersProvider } from "@/components/friends/blocked-users";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { ToastProvider } from "@/components/ui/toast";
import type { Community, SelfUser } from "@/lib/api/entities";
import { AppStateProvider } from "./app-state";
import { ConnectionBanner } from "./connection-banner";
import { SessionGuard } from "./session-guard";

interface AppProvidersProps {
  me: SelfUser;
  communities: Community[];
  /** Ids of the users `me` has blocked. */
  blocked: number[];
  children: React.ReactNode;
}

export function AppProviders({ me, communities, blocked, children }: AppProvidersProps) {
  return (
    <ToastProvider>
      <RealtimeProvider userId={me.id}>
        <SessionGuard>
          <AppStateProvider me={me} communities={communities}>
            <BlockedUsersProvider blocked={blocked}>
              {/* The banner pushes the page down instead of covering its header. */}
              <div className="flex h-dvh flex-col">
                <ConnectionBanner />
                <div className="min-h-0 flex-1">{children}</div>
              </div>
            </BlockedUsersProvider>
          </AppStateProvider>
        </SessionGuard>
      </RealtimeProvider>
    </ToastProvider>
  );
}
