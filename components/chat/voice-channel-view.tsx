"use client";

import { Button } from "@/components/ui/button";
import { PhoneHangUpIcon, VolumeIcon } from "@/components/ui/icons";
import { SelectField } from "@/components/ui/select-field";
import { SpeakingAvatar, SpeakingLabel, VoiceStateIcons } from "@/components/voice/participant";
import { useVoice, useVoiceRosters, type VoiceDevices } from "@/components/voice/voice-provider";
import { VoiceStatus } from "@/components/voice/voice-status";
import { VoiceToggles } from "@/components/voice/voice-toggles";
import type { Channel } from "@/lib/api/entities";
import type { VoiceParticipant } from "@/lib/realtime/events";

/** A connection to someone in the call that is not up, in words (nothing once it is). */
const PEER_STATE: Partial<Record<RTCPeerConnectionState, string>> = {
  new: "Connecting…",
  connecting: "Connecting…",
  disconnected: "Reconnecting…",
  failed: "Connection failed",
};

function ParticipantTile({ participant, speaking, peerState }: { participant: VoiceParticipant; speaking: boolean; peerState?: RTCPeerConnectionState }) {
  const problem = peerState && PEER_STATE[peerState];
  return (
    <li className="flex flex-col items-center gap-3 rounded-xl bg-raised/60 px-4 py-6">
      <SpeakingAvatar participant={participant} speaking={speaking} size={72} />
      <div className="flex max-w-full items-center gap-1.5">
        <span className="truncate font-semibold text-strong">{participant.display_name}</span>
        <SpeakingLabel speaking={speaking} />
        <VoiceStateIcons participant={participant} />
      </div>
      {problem && <span className="text-xs text-muted">{problem}</span>}
    </li>
  );
}

function deviceOptions(devices: MediaDeviceInfo[], fallback: string) {
  return devices.map((device, i) => ({ value: device.deviceId, label: device.label || `${fallback} ${i + 1}` }));
}

/** Microphone and speakers, once the browser lists them (after the microphone was allowed). */
function DeviceSelects({ devices, onInput, onOutput }: { devices: VoiceDevices; onInput: (id: string) => void; onOutput: (id: string) => void }) {
  if (devices.inputs.length === 0) return null;
  return (
    <div className="grid w-full max-w-xl gap-3 sm:grid-cols-2">
      <SelectField label="Input device" options={deviceOptions(devices.inputs, "Microphone")} value={devices.inputId} onChange={(e) => onInput(e.target.value)} />
      {devices.outputs.length > 0 && (
        <SelectField label="Output device" options={deviceOptions(devices.outputs, "Speakers")} value={devices.outputId} onChange={(e) => onOutput(e.target.value)} />
      )}
    </div>
  );
}

/** A voice channel: who is in it, speaking or not, and joining, leaving, muting. No text chat. */
export function VoiceChannelView({ channel }: { channel: Channel }) {
  const { call, joinError, devices, join, leave, participants, isSpeaking, setInputDevice, setOutputDevice } = useVoice();
  useVoiceRosters([channel.id]);
  const here = call?.channelId === channel.id ? call : null;
  const list = participants(channel.id);
  const error = joinError?.channelId === channel.id ? joinError.message : null;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="min-h-0 flex-1 overflow-y-auto px-6 py-8">
        {list.length > 0 ? (
          <ul aria-label="In the call" className="mx-auto grid max-w-4xl grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-4">
            {list.map((participant) => (
              <ParticipantTile
                key={participant.user_id}
                participant={participant}
                speaking={isSpeaking(channel.id, participant.user_id)}
                peerState={here?.peers.get(participant.user_id)}
              />
            ))}
          </ul>
        ) : (
          <div className="flex flex-col items-center pt-12 text-center">
            <div aria-hidden className="mb-4 grid size-20 place-items-center rounded-full bg-raised text-muted">
              <VolumeIcon className="size-10" />
            </div>
            <h2 className="text-xl font-semibold text-strong">No one is in {channel.name}</h2>
            <p className="mt-2 max-w-sm text-sm text-muted">Join to talk. Voice channels have no text chat: use a text channel to write.</p>
          </div>
        )}
      </div>

      <div className="flex shrink-0 flex-col items-center gap-4 border-t border-subtle px-6 py-4">
        {error && (
          <p role="alert" className="max-w-xl rounded-md border border-red-500/50 bg-red-950 px-4 py-2 text-center text-sm text-red-100">
            {error}
          </p>
        )}
        {here && <VoiceStatus state={here.state} />}
        <div className="flex flex-wrap items-center justify-center gap-2">
          {here ? (
            <>
              <VoiceToggles className="size-10 bg-raised" />
              <Button variant="danger" onClick={leave}>
                <PhoneHangUpIcon />
                Leave
              </Button>
            </>
          ) : (
            <Button variant="success" onClick={() => void join(channel)}>
              Join voice
            </Button>
          )}
        </div>
        {here?.joined && <DeviceSelects devices={devices} onInput={setInputDevice} onOutput={setOutputDevice} />}
      </div>
    </div>
  );
}
