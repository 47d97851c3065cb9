"use client";

import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { ToastProvider } from "@/components/ui/toast";
import type { Community, SelfUser, UnreadSummary } from "@/lib/api/entities";
import { AppStateProvider } from "./app-state";
import { ConnectionBanner } from "./connection-banner";
import { LastChannelMemory } from "./last-channel-memory";
import { OfflineNavigation } from "./offline-navigation";
import { QuickSwitcher } from "./quick-switcher";
import { SessionGuard } from "./session-guard";
import { UnreadProvider } from "./unread-state";

export function AppProviders({ me, communities, unread, children }: { me: SelfUser; communities: Community[]; unread: UnreadSummary; children: React.ReactNode }) {
  return (
    <ToastProvider>
      <RealtimeProvider userId={me.id}>
        <SessionGuard>
          <AppStateProvider me={me} communities={communities}>
            <UnreadProvider me={me.id} initial={unread}>
              {/* The banner pushes the page down instead of covering its header. */}
              <div className="flex h-dvh flex-col">
                <ConnectionBanner />
                <OfflineNavigation />
                <div className="min-h-0 flex-1">{children}</div>
              </div>
              <QuickSwitcher />
              <LastChannelMemory />
            </UnreadProvider>
          </AppStateProvider>
        </SessionGuard>
      </RealtimeProvider>
    </ToastProvider>
  );
}
