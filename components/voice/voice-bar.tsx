"use client";

import Link from "next/link";
import { IconButton } from "@/components/ui/button";
import { PhoneHangUpIcon } from "@/components/ui/icons";
import { useVoice } from "./voice-provider";
import { VoiceStatus } from "./voice-status";

/** Above the user panel during a call, on every page: how it is going, where it is, and the way out. */
export function VoiceBar() {
  const { call, leave } = useVoice();
  if (!call) return null;
  return (
    <section aria-label="Voice call" className="flex items-center gap-2 border-b border-subtle bg-rail/70 px-2 py-2">
      <div className="min-w-0 flex-1 leading-tight">
        <VoiceStatus state={call.state} className="text-sm" />
        <Link href={`/channels/${call.communityId}/${call.channelId}`} className="block truncate text-xs text-muted hover:text-normal hover:underline">
          {call.channelName}
        </Link>
      </div>
      <IconButton label="Disconnect" onClick={leave} className="hover:text-red-600 dark:hover:text-red-400">
        <PhoneHangUpIcon />
      </IconButton>
    </section>
  );
}
