import { Avatar } from "@/components/ui/avatar";
import { HeadphonesOffIcon, MicOffIcon } from "@/components/ui/icons";
import type { VoiceParticipant } from "@/lib/realtime/events";

// How a voice participant looks wherever one is shown (the channel sidebar, the call's tiles).

/** The avatar with a green ring while they speak; `data-speaking` says the same to tests and styles. */
export function SpeakingAvatar({ participant, speaking, size }: { participant: VoiceParticipant; speaking: boolean; size: number }) {
  return (
    <span
      data-speaking={speaking}
      className={`inline-flex shrink-0 rounded-full ring-offset-2 ring-offset-transparent ${speaking ? "ring-2 ring-emerald-500" : ""}`}
    >
      <Avatar name={participant.display_name} url={participant.avatar_url} size={size} />
    </span>
  );
}

/** "speaking", for screen readers, beside the name (the ring alone is visual). */
export function SpeakingLabel({ speaking }: { speaking: boolean }) {
  return speaking ? <span className="sr-only">(speaking)</span> : null;
}

/** Deafened shows only that (it implies muted); muted alone shows the crossed microphone. */
export function VoiceStateIcons({ participant, className = "size-4" }: { participant: VoiceParticipant; className?: string }) {
  if (participant.self_deaf) {
    return (
      <span role="img" aria-label="Deafened" title="Deafened" className="flex shrink-0 text-red-600 dark:text-red-400">
        <HeadphonesOffIcon className={className} />
      </span>
    );
  }
  if (participant.self_mute) {
    return (
      <span role="img" aria-label="Muted" title="Muted" className="flex shrink-0 text-red-600 dark:text-red-400">
        <MicOffIcon className={className} />
      </span>
    );
  }
  return null;
}
