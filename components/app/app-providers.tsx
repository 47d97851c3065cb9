"use client";

import { OutboxProvider } from "@/components/chat/outbox-provider";
import { DesktopNotifications } from "@/components/notifications/desktop-notifications";
import { BlockedUsersProvider } from "@/components/friends/blocked-users";
import { RealtimeProvider } from "@/components/realtime/realtime-provider";
import { ToastProvider } from "@/components/ui/toast";
import { VoiceProvider } from "@/components/voice/voice-provider";
import type { Community, SelfUser, UnreadSummary } from "@/lib/api/entities";
import { AppStateProvider } from "./app-state";
import { ConnectionBanner } from "./connection-banner";
import { LastChannelMemory } from "./last-channel-memory";
import { OfflineNavigation } from "./offline-navigation";
import { QuickSwitcher } from "./quick-switcher";
import { SessionGuard } from "./session-guard";
import { UnreadProvider } from "./unread-state";

interface AppProvidersProps {
  me: SelfUser;
  communities: Community[];
  unread: UnreadSummary;
  /** Ids of the users `me` has blocked. */
  blocked: number[];
  children: React.ReactNode;
}

export function AppProviders({ me, communities, unread, blocked, children }: AppProvidersProps) {
  return (
    <ToastProvider>
      <RealtimeProvider userId={me.id}>
        <SessionGuard>
          <AppStateProvider me={me} communities={communities}>
            <BlockedUsersProvider blocked={blocked}>
              <UnreadProvider me={me.id} initial={unread}>
                <OutboxProvider>
                  {/* Above the pages, so that a call goes on from channel to channel. */}
                  <VoiceProvider>
                    {/* The banner pushes the page down instead of covering its header. */}
                    <div className="flex h-dvh flex-col">
                      <ConnectionBanner />
                      <DesktopNotifications />
                      <OfflineNavigation />
                      <div className="min-h-0 flex-1">{children}</div>
                    </div>
                  </VoiceProvider>
                </OutboxProvider>
                <QuickSwitcher />
                <LastChannelMemory />
              </UnreadProvider>
            </BlockedUsersProvider>
          </AppStateProvider>
        </SessionGuard>
      </RealtimeProvider>
    </ToastProvider>
  );
}
