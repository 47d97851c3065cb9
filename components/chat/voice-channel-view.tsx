import { VolumeIcon } from "@/components/ui/icons";
import type { Channel } from "@/lib/api/entities";

/** A voice channel until voice exists: what it is, said plainly, and no text chat. */
export function VoiceChannelView({ channel }: { channel: Channel }) {
  return (
    <div className="flex min-h-0 flex-1 flex-col items-center justify-center px-6 text-center">
      <div aria-hidden className="mb-4 grid size-20 place-items-center rounded-full bg-raised text-muted">
        <VolumeIcon className="size-10" />
      </div>
      <h2 className="text-xl font-semibold text-strong">Voice channels are coming soon</h2>
      <p className="mt-2 max-w-sm text-sm text-muted">
        Talking in {channel.name} is not possible yet, and voice channels have no text chat: use a text channel to write.
      </p>
      {channel.description && <p className="mt-3 max-w-sm text-sm text-normal">{channel.description}</p>}
    </div>
  );
}
