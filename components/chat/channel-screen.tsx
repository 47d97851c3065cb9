"use client";

import { useMemo, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { Workspace } from "@/components/app/workspace";
import { InboxButton } from "@/components/inbox/inbox-button";
import { MemberList } from "@/components/members/member-list";
import { MemberModeration, type ModerationKind } from "@/components/members/member-moderation";
import { useCommunityMembers } from "@/components/members/use-community-members";
import { MentionProvider } from "@/components/mentions/mention-context";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { requestJump } from "@/components/search/jump-request";
import { SearchBox } from "@/components/search/search-box";
import { ChannelSidebar } from "@/components/sidebar/channel-sidebar";
import { HashIcon, LockIcon, MegaphoneIcon, VolumeIcon } from "@/components/ui/icons";
import { onDemand, OnceOpened } from "@/components/ui/on-demand";
import type { ChannelWithReadState, Community, CommunityMember, Message } from "@/lib/api/entities";
import { can } from "@/lib/permissions";
import { ChannelView } from "./channel-view";
import { PinsButton } from "./pins/pins-button";
import { VoiceChannelView } from "./voice-channel-view";

// A member's card and the moderation dialogs load when first opened.
const ProfileDialog = onDemand(() => import("@/components/members/profile-dialog").then((m) => m.ProfileDialog));
const TimeoutDialog = onDemand(() => import("@/components/members/timeout-dialog").then((m) => m.TimeoutDialog));
const BanDialog = onDemand(() => import("@/components/members/ban-dialog").then((m) => m.BanDialog));

const KINDS = {
  text: { Icon: HashIcon, label: "Text channel" },
  private: { Icon: LockIcon, label: "Private channel" },
  announcement: { Icon: MegaphoneIcon, label: "Announcement channel" },
  voice: { Icon: VolumeIcon, label: "Voice channel" },
};

interface ChannelScreenProps {
  community: Community;
  channel: ChannelWithReadState;
  channels: ChannelWithReadState[];
  messages: Message[];
  members: CommunityMember[];
  /** Until when the viewer is timed out in this community (null: not). */
  timeoutUntil: string | null;
}

export function ChannelScreen({ community, channel, channels, messages, members, timeoutUntil }: ChannelScreenProps) {
  const { communities, me } = useAppState();
  const [profileId, setProfileId] = useState<number | null>(null);
  const [moderating, setModerating] = useState<{ kind: ModerationKind; member: CommunityMember } | null>(null);
  const role = communities.find((c) => c.id === community.id)?.role ?? community.role ?? "member";
  const { Icon, label } = KINDS[channel.type];
  const liveMembers = useCommunityMembers(community.id, members);
  const profileMember = profileId === me.id ? undefined : liveMembers.find((m) => m.id === profileId);
  const people = useMemo(() => new Map(liveMembers.map((m) => [m.id, { name: m.display_name, avatarUrl: m.avatar_url, isBot: m.is_bot }])), [liveMembers]);
  const searchNames = useMemo(() => ({ people: liveMembers, channels }), [liveMembers, channels]);

  // The whole screen: the header's pins list shows pills as the messages do.
  return (
    <MentionProvider me={me.id} members={liveMembers} role={role}>
      <Workspace
        sidebar={<ChannelSidebar community={community} channels={channels} activeChannelId={channel.id} />}
        header={
          <>
            <span role="img" aria-label={label} className="flex shrink-0 text-muted">
              <Icon className="size-5" />
            </span>
            <h1 className="truncate font-semibold text-strong">{channel.name}</h1>
            {channel.description && <p className="hidden truncate border-l border-raised pl-2 text-sm text-muted sm:block">{channel.description}</p>}
            <div className="ml-auto flex shrink-0 items-center gap-1">
              {channel.type !== "voice" && (
                <>
                  <PinsButton channelId={channel.id} canPin={can(role, "pinMessages")} people={people} onJump={(id) => requestJump(`channel:${channel.id}`, id)} />
                  <NotificationBell channel={channel} />
                </>
              )}
              <SearchBox scope={{ kind: "community", communityId: community.id }} names={searchNames} people={people} />
              <InboxButton />
            </div>
          </>
        }
        members={<MemberList members={liveMembers} onOpenProfile={setProfileId} />}
      >
        {channel.type === "voice" ? (
          <VoiceChannelView channel={channel} />
        ) : (
          <ChannelView channel={channel} role={role} initialMessages={messages} timeoutUntil={timeoutUntil} people={people} onOpenProfile={setProfileId} />
        )}
        <OnceOpened open={profileId !== null}>
          <ProfileDialog userId={profileId} onClose={() => setProfileId(null)}>
            {profileMember && (
              <MemberModeration
                communityId={community.id}
                viewerRole={role}
                member={profileMember}
                onChoose={(kind) => {
                  setProfileId(null);
                  setModerating({ kind, member: profileMember });
                }}
              />
            )}
          </ProfileDialog>
        </OnceOpened>
        <OnceOpened open={moderating?.kind === "timeout"}>
          <TimeoutDialog communityId={community.id} member={moderating?.kind === "timeout" ? moderating.member : null} onClose={() => setModerating(null)} />
        </OnceOpened>
        <OnceOpened open={moderating?.kind === "ban"}>
          <BanDialog
            communityId={community.id}
            communityName={community.name}
            member={moderating?.kind === "ban" ? moderating.member : null}
            onClose={() => setModerating(null)}
          />
        </OnceOpened>
      </Workspace>
    </MentionProvider>
  );
}
