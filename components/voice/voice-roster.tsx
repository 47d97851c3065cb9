"use client";

import { SpeakingAvatar, SpeakingLabel, VoiceStateIcons } from "./participant";
import { useVoice } from "./voice-provider";

/** Who is in a voice channel, under its name in the channel sidebar, live (as in Discord). */
export function VoiceRoster({ channelId, channelName }: { channelId: number; channelName: string }) {
  const { participants, isSpeaking } = useVoice();
  const list = participants(channelId);
  if (list.length === 0) return null;
  return (
    <ul aria-label={`In ${channelName}`} className="mt-0.5 mb-1 space-y-0.5 pl-8">
      {list.map((participant) => {
        const speaking = isSpeaking(channelId, participant.user_id);
        return (
          <li key={participant.user_id} className="flex items-center gap-2 rounded-md px-1 py-0.5 text-sm text-muted">
            <SpeakingAvatar participant={participant} speaking={speaking} size={20} />
            <span className={`min-w-0 flex-1 truncate ${speaking ? "text-strong" : ""}`}>{participant.display_name}</span>
            <SpeakingLabel speaking={speaking} />
            <VoiceStateIcons participant={participant} className="size-3.5" />
          </li>
        );
      })}
    </ul>
  );
}
