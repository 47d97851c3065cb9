"use client";

import { IconButton } from "@/components/ui/button";
import { HeadphonesIcon, HeadphonesOffIcon, MicIcon, MicOffIcon } from "@/components/ui/icons";
import { useVoice } from "./voice-provider";

/**
 * Mute and Deafen, pressed while on (as in Discord they also work outside a call, for the next
 * one). Deafened also shows Mute pressed: a deafened user is not heard either.
 */
export function VoiceToggles({ className = "" }: { className?: string }) {
  const { selfMute, selfDeaf, toggleMute, toggleDeafen } = useVoice();
  const muted = selfMute || selfDeaf;
  const on = "text-red-600 hover:text-red-700 dark:text-red-400 dark:hover:text-red-300";
  return (
    <>
      <IconButton label="Mute" aria-pressed={muted} onClick={toggleMute} className={`${muted ? on : ""} ${className}`}>
        {muted ? <MicOffIcon /> : <MicIcon />}
      </IconButton>
      <IconButton label="Deafen" aria-pressed={selfDeaf} onClick={toggleDeafen} className={`${selfDeaf ? on : ""} ${className}`}>
        {selfDeaf ? <HeadphonesOffIcon /> : <HeadphonesIcon />}
      </IconButton>
    </>
  );
}
