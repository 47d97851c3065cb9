"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { useRealtime, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import type { Channel } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import type { VoiceDisconnectedEvent, VoiceParticipant } from "@/lib/realtime/events";
import { VoiceEngine, type VoiceConnectionState } from "./voice-engine";

// The voice call lives here, above the pages, so that it goes on while the user moves between
// channels and communities (as in Discord); so do the rosters every voice view and sidebar shows.

export interface VoiceCall {
  channelId: number;
  communityId: number;
  channelName: string;
  state: VoiceConnectionState;
  /** False while the microphone opens and the server is asked. */
  joined: boolean;
  /** Each other participant's connection (empty until joined). */
  peers: ReadonlyMap<number, RTCPeerConnectionState>;
  /** Who is speaking in the call, the user included, heard from the audio itself. */
  speaking: ReadonlySet<number>;
}

export interface VoiceDevices {
  inputs: MediaDeviceInfo[];
  /** Empty where the browser cannot choose where audio plays (no setSinkId). */
  outputs: MediaDeviceInfo[];
  inputId: string;
  outputId: string;
}

interface VoiceContextValue {
  call: VoiceCall | null;
  /** Why the last join in a channel failed, for that channel's view. */
  joinError: { channelId: number; message: string } | null;
  selfMute: boolean;
  selfDeaf: boolean;
  devices: VoiceDevices;
  join: (channel: Pick<Channel, "id" | "community_id" | "name">) => Promise<void>;
  leave: () => void;
  toggleMute: () => void;
  toggleDeafen: () => void;
  setInputDevice: (deviceId: string) => void;
  setOutputDevice: (deviceId: string) => void;
  /** Who is in a voice channel, in the order they joined (empty when unknown). */
  participants: (channelId: number) => VoiceParticipant[];
  isSpeaking: (channelId: number, userId: number) => boolean;
  /** Fetches the rosters of these channels (views that show them call it on every connect). */
  loadRosters: (channelIds: number[]) => void;
}

const VoiceContext = createContext<VoiceContextValue | null>(null);

const NOBODY: VoiceParticipant[] = [];
const NO_DEVICES: VoiceDevices = { inputs: [], outputs: [], inputId: "", outputId: "" };
const DEVICE_KEYS = { input: "auraflow.voice.input", output: "auraflow.voice.output" } as const;

const DISCONNECTED: Record<VoiceDisconnectedEvent["reason"], string> = {
  moved: "You joined voice in another tab, so this one left the call.",
  removed: "You were disconnected from voice: you can no longer be in that channel.",
};

function storedDevice(kind: keyof typeof DEVICE_KEYS): string | null {
  try {
    return localStorage.getItem(DEVICE_KEYS[kind]);
  } catch {
    return null;
  }
}

function storeDevice(kind: keyof typeof DEVICE_KEYS, deviceId: string): void {
  try {
    localStorage.setItem(DEVICE_KEYS[kind], deviceId);
  } catch {
    // Private mode without storage: the choice holds for this call only.
  }
}

export function VoiceProvider({ children }: { children: React.ReactNode }) {
  const { client } = useRealtime();
  const { me } = useAppState();
  const toast = useToast();
  const [call, setCall] = useState<VoiceCall | null>(null);
  const [joinError, setJoinError] = useState<VoiceContextValue["joinError"]>(null);
  const [selfMute, setSelfMute] = useState(false);
  const [selfDeaf, setSelfDeaf] = useState(false);
  const [devices, setDevices] = useState(NO_DEVICES);
  const [rosters, setRosters] = useState<ReadonlyMap<number, VoiceParticipant[]>>(new Map());
  /** Who is speaking, as relayed by the server: for the rings of channels the user is not in. */
  const [relayedSpeaking, setRelayedSpeaking] = useState<ReadonlySet<number>>(new Set());
  const engine = useRef<VoiceEngine | null>(null);
  /** The join in progress; a leave meanwhile sets it aside, and the join leaves once it is in. */
  const pendingJoin = useRef<{ channelId: number; abandoned: boolean } | null>(null);
  /** The version of each roster shown, from whole lists (events and fetches): an older list is dropped. */
  const rosterVersions = useRef(new Map<number, number>());
  /**
   * The latest mute and deafen of each participant (`channel:user`) from voice_state_updated, with
   * its version: a list read before that change, arriving after it, must not undo it.
   */
  const stateVersions = useRef(new Map<string, { version: number; self_mute: boolean; self_deaf: boolean }>());
  const loading = useRef(new Set<number>());

  const refreshDevices = useCallback(async () => {
    const current = engine.current;
    if (!current) return;
    const all = await navigator.mediaDevices.enumerateDevices();
    setDevices({
      inputs: all.filter((device) => device.kind === "audioinput"),
      outputs: "setSinkId" in HTMLMediaElement.prototype ? all.filter((device) => device.kind === "audiooutput") : [],
      inputId: current.inputDeviceId ?? "",
      outputId: storedDevice("output") ?? "default",
    });
  }, []);

  useEffect(() => {
    if (!call || call.state === "connecting" || !navigator.mediaDevices) return;
    const onChange = () => void refreshDevices();
    navigator.mediaDevices.addEventListener("devicechange", onChange);
    return () => navigator.mediaDevices.removeEventListener("devicechange", onChange);
  }, [call, refreshDevices]);

  const onDisconnected = useCallback(
    (reason: VoiceDisconnectedEvent["reason"]) => {
      engine.current = null;
      setCall(null);
      toast.info(DISCONNECTED[reason]);
    },
    [toast],
  );

  const join = useCallback(
    async (channel: Pick<Channel, "id" | "community_id" | "name">) => {
      if (!client || pendingJoin.current || engine.current?.channelId === channel.id) return;
      engine.current?.leave();
      engine.current = null;
      const pending = { channelId: channel.id, abandoned: false };
      pendingJoin.current = pending;
      setJoinError(null);
      setCall({ channelId: channel.id, communityId: channel.community_id, channelName: channel.name, state: "connecting", joined: false, peers: new Map(), speaking: new Set() });
      try {
        const joined = await VoiceEngine.join({
          client,
          selfId: me.id,
          channelId: channel.id,
          inputDeviceId: storedDevice("input"),
          outputDeviceId: storedDevice("output"),
          selfMute,
          selfDeaf,
          onChange: (snapshot) => setCall((current) => (current?.channelId === channel.id ? { ...current, ...snapshot } : current)),
          onDisconnected,
        });
        if (pending.abandoned) {
          joined.leave();
          return;
        }
        engine.current = joined;
        setCall((current) => current && { ...current, joined: true });
        void refreshDevices();
      } catch (error) {
        setCall(null);
        if (!pending.abandoned) setJoinError({ channelId: channel.id, message: error instanceof Error ? error.message : String(error) });
      } finally {
        pendingJoin.current = null;
      }
    },
    [client, me.id, selfMute, selfDeaf, onDisconnected, refreshDevices],
  );

  const leave = useCallback(() => {
    if (pendingJoin.current) pendingJoin.current.abandoned = true;
    engine.current?.leave();
    engine.current = null;
    setCall(null);
  }, []);

  // Closing the provider (signing out) ends the call.
  useEffect(() => () => engine.current?.leave(), []);

  const applySelfState = useCallback((mute: boolean, deaf: boolean) => {
    setSelfMute(mute);
    setSelfDeaf(deaf);
    engine.current?.setSelfState(mute, deaf);
  }, []);
  // As in Discord: unmuting while deafened also undeafens; deafening keeps the mute choice for after.
  const toggleMute = useCallback(() => (selfDeaf ? applySelfState(false, false) : applySelfState(!selfMute, false)), [selfMute, selfDeaf, applySelfState]);
  const toggleDeafen = useCallback(() => applySelfState(selfMute, !selfDeaf), [selfMute, selfDeaf, applySelfState]);

  const setInputDevice = useCallback(
    (deviceId: string) => {
      storeDevice("input", deviceId);
      engine.current?.setInputDevice(deviceId).then(
        () => setDevices((current) => ({ ...current, inputId: deviceId })),
        (error: Error) => toast.error(error.message),
      );
    },
    [toast],
  );

  const setOutputDevice = useCallback((deviceId: string) => {
    storeDevice("output", deviceId);
    setDevices((current) => ({ ...current, outputId: deviceId }));
    void engine.current?.setOutputDevice(deviceId);
  }, []);

  /**
   * Shows a channel's list unless a newer one is shown (lists announced at once by two nodes come in
   * either order), with any mute or deafen newer than the list; false when it was dropped.
   */
  const showRoster = (channelId: number, version: number, participants: VoiceParticipant[]): boolean => {
    if (version <= (rosterVersions.current.get(channelId) ?? -1)) return false;
    rosterVersions.current.set(channelId, version);
    const merged = participants.map((p) => {
      const key = `${channelId}:${p.user_id}`;
      const state = stateVersions.current.get(key);
      if (!state) return p;
      if (state.version > version) return { ...p, self_mute: state.self_mute, self_deaf: state.self_deaf };
      stateVersions.current.delete(key);
      return p;
    });
    setRosters((current) => new Map(current).set(channelId, merged));
    return true;
  };

  const loadRosters = useCallback((channelIds: number[]) => {
    for (const channelId of channelIds) {
      if (loading.current.has(channelId)) continue;
      loading.current.add(channelId);
      callApi(endpoints.getVoiceState, { params: { id: channelId } })
        .then(
          ({ version, participants }) => void showRoster(channelId, version, participants),
          () => undefined,
        )
        .finally(() => loading.current.delete(channelId));
    }
  }, []);

  useRealtimeEvent("voice_participants", ({ channel_id, version, participants }) => {
    if (!showRoster(channel_id, version, participants)) return;
    const present = new Set(participants.map((p) => p.user_id));
    const gone = (rosters.get(channel_id) ?? NOBODY).filter((p) => !present.has(p.user_id));
    if (gone.length > 0) setRelayedSpeaking((current) => new Set([...current].filter((id) => !gone.some((p) => p.user_id === id))));
  });
  useRealtimeEvent("voice_state_updated", ({ channel_id, user_id, self_mute, self_deaf, version, speaking }) => {
    // Most updates only say who speaks (a version already seen): the roster stays as it is, and
    // nothing re-renders for it.
    const key = `${channel_id}:${user_id}`;
    if (version > Math.max(rosterVersions.current.get(channel_id) ?? -1, stateVersions.current.get(key)?.version ?? -1)) {
      stateVersions.current.set(key, { version, self_mute, self_deaf });
      setRosters((current) => {
        const list = current.get(channel_id);
        if (!list) return current;
        return new Map(current).set(channel_id, list.map((p) => (p.user_id === user_id ? { ...p, self_mute, self_deaf } : p)));
      });
    }
    const speaks = !self_mute && (speaking ?? relayedSpeaking.has(user_id));
    if (speaks !== relayedSpeaking.has(user_id)) {
      setRelayedSpeaking((current) => {
        const next = new Set(current);
        if (speaks) next.add(user_id);
        else next.delete(user_id);
        return next;
      });
    }
  });
  useRealtimeEvent("channel_deleted", ({ id }) => {
    rosterVersions.current.set(id, Infinity);
    setRosters((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });
  });

  const participants = useCallback((channelId: number) => rosters.get(channelId) ?? NOBODY, [rosters]);
  const isSpeaking = useCallback(
    (channelId: number, userId: number) => (call?.channelId === channelId && call.joined ? call.speaking.has(userId) : relayedSpeaking.has(userId)),
    [call, relayedSpeaking],
  );

  const value = useMemo<VoiceContextValue>(
    () => ({ call, joinError, selfMute, selfDeaf, devices, join, leave, toggleMute, toggleDeafen, setInputDevice, setOutputDevice, participants, isSpeaking, loadRosters }),
    [call, joinError, selfMute, selfDeaf, devices, join, leave, toggleMute, toggleDeafen, setInputDevice, setOutputDevice, participants, isSpeaking, loadRosters],
  );
  return <VoiceContext.Provider value={value}>{children}</VoiceContext.Provider>;
}

export function useVoice(): VoiceContextValue {
  const value = useContext(VoiceContext);
  if (!value) throw new Error("useVoice outside VoiceProvider");
  return value;
}

/** Keeps the rosters of these voice channels loaded: now, and again after every reconnect. */
export function useVoiceRosters(channelIds: number[]): void {
  const { loadRosters } = useVoice();
  const { connection } = useRealtime();
  const key = channelIds.join(",");
  useEffect(() => {
    if (connection === "connected" && key) loadRosters(key.split(",").map(Number));
  }, [connection, key, loadRosters]);
}
