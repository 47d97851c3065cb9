import type { VoiceConnectionState } from "./voice-engine";

export const VOICE_STATE_LABEL: Record<VoiceConnectionState, string> = {
  connecting: "Connecting…",
  connected: "Voice connected",
  reconnecting: "Reconnecting…",
  failed: "Connection failed",
};

const COLOURS: Record<VoiceConnectionState, string> = {
  connecting: "text-amber-700 dark:text-amber-400",
  connected: "text-emerald-700 dark:text-emerald-400",
  reconnecting: "text-amber-700 dark:text-amber-400",
  failed: "text-red-600 dark:text-red-400",
};

/** The call's connection in words, announced as it changes. */
export function VoiceStatus({ state, className = "" }: { state: VoiceConnectionState; className?: string }) {
  return (
    <p role="status" className={`font-semibold ${COLOURS[state]} ${className}`}>
      {VOICE_STATE_LABEL[state]}
    </p>
  );
}
