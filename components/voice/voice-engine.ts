import { ApiRequestError, toRequestError } from "@/lib/api-client";
import type { RealtimeClient } from "@/lib/realtime/client";
import type { VoiceDisconnectedEvent, VoiceJoined, VoiceParticipantsEvent, VoiceSignalEvent, VoiceSignalInput } from "@/lib/realtime/events";

// A voice call without React: the microphone, one RTCPeerConnection per other participant (a full
// mesh: everyone sends their audio to everyone), the signaling over the app's Socket.IO connection
// (lib/realtime/events.ts), remote audio, and voice activity for the speaking rings.

/** The call as a whole, as the voice views say it. */
export type VoiceConnectionState = "connecting" | "connected" | "reconnecting" | "failed";

export interface VoiceSnapshot {
  state: VoiceConnectionState;
  /** Each other participant's connection. */
  peers: ReadonlyMap<number, RTCPeerConnectionState>;
  /** Who is speaking now, the user included (heard from the streams themselves, not relayed). */
  speaking: ReadonlySet<number>;
}

export interface VoiceEngineOptions {
  client: RealtimeClient;
  selfId: number;
  channelId: number;
  /** The microphone to prefer (null: the browser's default). */
  inputDeviceId: string | null;
  /** The speakers to play through, where the browser can choose (null: the default). */
  outputDeviceId: string | null;
  selfMute: boolean;
  selfDeaf: boolean;
  onChange: (snapshot: VoiceSnapshot) => void;
  /** The server took this socket out of the call (another tab joined, a kick...): the engine has stopped. */
  onDisconnected: (reason: VoiceDisconnectedEvent["reason"]) => void;
}

const JOIN_TIMEOUT_MS = 10_000;
/** RMS of a 1.0 full-scale signal: speech at a normal distance is well above, a quiet room below. */
const SPEAKING_RMS = 0.01;
/** Silence this long ends "speaking": the pauses between words do not flicker the ring. */
const SILENCE_HOLD_MS = 300;
/** At most one change of "speaking" per this long, so the relayed updates stay a few per second. */
const MIN_SPEAKING_CHANGE_MS = 250;
const SPEAKING_POLL_MS = 50;

/** A message for a getUserMedia failure that says what to do about it. */
function microphoneErrorMessage(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "Microphone access was denied. Allow it in your browser's site settings, then try again.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No microphone was found.";
  return `The microphone could not be started: ${error instanceof Error ? error.message : String(error)}`;
}

/** Opens the microphone with the browser's voice processing; throws an Error with a message for people. */
async function openMicrophone(deviceId: string | null): Promise<MediaStream> {
  // Absent outside a secure context (plain http on anything but localhost).
  if (!navigator.mediaDevices?.getUserMedia) throw new Error("Voice needs a secure (https) connection to Auraflow.");
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { deviceId: deviceId ? { ideal: deviceId } : undefined, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (error) {
    throw new Error(microphoneErrorMessage(error));
  }
}

/** What the server configured (ICE_SERVERS, ICE_TRANSPORT_POLICY) for the connections of a call. */
function rtcConfiguration(joined: VoiceJoined): RTCConfiguration {
  return { iceServers: joined.ice_servers, iceTransportPolicy: joined.ice_transport_policy };
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** `voice_join` over the socket: the ack's participants and ICE servers, or its error as an ApiRequestError. */
async function requestJoin(client: RealtimeClient, channelId: number): Promise<VoiceJoined> {
  let answer;
  try {
    answer = await client.socket.timeout(JOIN_TIMEOUT_MS).emitWithAck("voice_join", { channel_id: channelId });
  } catch {
    throw new Error("Auraflow could not be reached. Check your connection and try again.");
  }
  if (!("ok" in answer)) throw toRequestError(answer);
  return answer;
}

/** The `o=` line's session id: a new RTCPeerConnection on the other side has a new one. */
function sessionOf(description: RTCSessionDescriptionInit): string | null {
  return /^o=\S+ (\S+)/m.exec(description.sdp ?? "")?.[1] ?? null;
}

/** Voice activity of one stream: RMS above a threshold, with a hold before it ends. */
class SpeakingDetector {
  speaking = false;
  private readonly source: MediaStreamAudioSourceNode;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;
  private lastLoud = -Infinity;
  private lastChange = -Infinity;

  constructor(context: AudioContext, stream: MediaStream) {
    this.source = context.createMediaStreamSource(stream);
    // About 40 ms at 48 kHz, close to the polling interval: a short sound between two polls still counts.
    this.analyser = new AnalyserNode(context, { fftSize: 2048 });
    this.samples = new Float32Array(this.analyser.fftSize);
    // Analysis only: Chrome processes an analyser without an output, and nothing is played twice.
    this.source.connect(this.analyser);
  }

  /** Measures now; true when `speaking` changed. */
  update(now: number): boolean {
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const sample of this.samples) sum += sample * sample;
    if (Math.sqrt(sum / this.samples.length) >= SPEAKING_RMS) this.lastLoud = now;
    const speaking = now - this.lastLoud < SILENCE_HOLD_MS;
    if (speaking === this.speaking || now - this.lastChange < MIN_SPEAKING_CHANGE_MS) return false;
    this.speaking = speaking;
    this.lastChange = now;
    return true;
  }

  disconnect(): void {
    this.source.disconnect();
  }
}

/**
 * The connection to one other participant, negotiated with MDN's "perfect negotiation": either
 * side may send an offer at any time; when two offers cross, the polite side gives way.
 */
class Peer {
  readonly pc: RTCPeerConnection;
  readonly audio = new Audio();
  /** The remote side's session (see sessionOf), once it sent a description. */
  remoteSession: string | null = null;
  detector: SpeakingDetector | null = null;
  private readonly sender: RTCRtpSender;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  /** Signals are applied one at a time, in the order they came. */
  private queue = Promise.resolve();

  constructor(
    readonly userId: number,
    private readonly polite: boolean,
    configuration: RTCConfiguration,
    track: MediaStreamTrack,
    stream: MediaStream,
    private readonly signal: (input: Pick<VoiceSignalInput, "description" | "candidate">) => void,
  ) {
    this.pc = new RTCPeerConnection(configuration);
    this.audio.autoplay = true;
    this.sender = this.pc.addTrack(track, stream);
    this.pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true;
        await this.pc.setLocalDescription();
        this.sendDescription();
      } catch (error) {
        console.error("[voice] offer failed:", error);
      } finally {
        this.makingOffer = false;
      }
    };
    this.pc.onicecandidate = ({ candidate }) => this.signal({ candidate: candidate ? candidate.toJSON() as VoiceSignalInput["candidate"] : null });
    // ICE gave up (a network change): try again with new candidates; the offer goes through negotiation.
    this.pc.addEventListener("connectionstatechange", () => {
      if (this.pc.connectionState === "failed") this.pc.restartIce();
    });
  }

  /** Applies an offer, answer or candidate from the other side, after any still being applied. */
  receive(event: VoiceSignalEvent): Promise<void> {
    this.queue = this.queue.then(() => this.apply(event)).catch((error: unknown) => console.error("[voice] signal failed:", error));
    return this.queue;
  }

  replaceTrack(track: MediaStreamTrack): Promise<void> {
    return this.sender.replaceTrack(track);
  }

  close(): void {
    this.detector?.disconnect();
    this.pc.close();
    this.audio.pause();
    this.audio.srcObject = null;
  }

  private sendDescription(): void {
    const { type, sdp } = this.pc.localDescription!;
    this.signal({ description: { type, sdp } });
  }

  private async apply({ description, candidate }: VoiceSignalEvent): Promise<void> {
    if (description) {
      const readyForOffer = !this.makingOffer && (this.pc.signalingState === "stable" || this.settingRemoteAnswer);
      const collision = description.type === "offer" && !readyForOffer;
      this.ignoreOffer = !this.polite && collision;
      if (this.ignoreOffer) {
        // Our offer stands; sent again in case the first one was lost while a socket was down,
        // else the polite side would wait for it forever.
        if (this.pc.localDescription?.type === "offer") this.sendDescription();
        return;
      }
      // An answer to an offer already answered (the one sent again above): nothing left to apply.
      if (description.type === "answer" && this.pc.signalingState === "stable") return;
      this.remoteSession = sessionOf(description) ?? this.remoteSession;
      this.settingRemoteAnswer = description.type === "answer";
      await this.pc.setRemoteDescription(description);
      this.settingRemoteAnswer = false;
      if (description.type === "offer") {
        await this.pc.setLocalDescription();
        this.sendDescription();
      }
    } else if (candidate !== undefined) {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
    }
  }
}

/**
 * One voice call: `VoiceEngine.join` opens the microphone and joins; `leave` ends it. Nothing is
 * joined when the microphone cannot be opened or the server refuses.
 */
export class VoiceEngine {
  readonly channelId: number;
  private readonly client: RealtimeClient;
  private readonly selfId: number;
  private readonly peers = new Map<number, Peer>();
  private readonly context = new AudioContext();
  private local: SpeakingDetector;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly poll: ReturnType<typeof setInterval>;
  /** The version of the participant list last acted on (see VoiceParticipantsEvent). */
  private version: number;
  /** The ICE servers and policy of the last join ack. */
  private configuration: RTCConfiguration;
  private stream: MediaStream;
  private outputDeviceId: string | null;
  private selfMute: boolean;
  private selfDeaf: boolean;
  private socketUp: boolean;
  private stopped = false;

  static async join(options: VoiceEngineOptions): Promise<VoiceEngine> {
    const stream = await openMicrophone(options.inputDeviceId);
    try {
      return new VoiceEngine(options, stream, await requestJoin(options.client, options.channelId));
    } catch (error) {
      stopStream(stream);
      // Not refused (no answer in time): the server may have let us in after all.
      if (!(error instanceof ApiRequestError)) options.client.socket.emit("voice_leave", { channel_id: options.channelId });
      throw error;
    }
  }

  private constructor(
    private readonly options: VoiceEngineOptions,
    stream: MediaStream,
    joined: VoiceJoined,
  ) {
    const { client, selfId, channelId } = options;
    this.client = client;
    this.selfId = selfId;
    this.channelId = channelId;
    this.stream = stream;
    this.configuration = rtcConfiguration(joined);
    this.version = joined.version;
    this.outputDeviceId = options.outputDeviceId;
    this.selfMute = options.selfMute;
    this.selfDeaf = options.selfDeaf;
    this.socketUp = client.socket.connected;
    this.track.enabled = !this.muted;
    this.local = new SpeakingDetector(this.context, stream);
    // Joining was a click: the context may start, but some browsers create it suspended regardless.
    void this.context.resume();

    const { socket } = client;
    const onConnect = () => void this.rejoin();
    const onDisconnect = () => {
      this.socketUp = false;
      this.changed();
    };
    const onPageHide = () => socket.emit("voice_leave", { channel_id: channelId });
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    window.addEventListener("pagehide", onPageHide);
    this.unsubscribe.push(
      client.on("voice_signal", (event) => this.onSignal(event)),
      client.on("voice_participants", (event) => this.onParticipants(event)),
      client.on("voice_disconnected", (event) => {
        if (event.channel_id !== channelId) return;
        this.stop();
        options.onDisconnected(event.reason);
      }),
      () => socket.off("connect", onConnect),
      () => socket.off("disconnect", onDisconnect),
      () => window.removeEventListener("pagehide", onPageHide),
    );

    // The newcomer calls everyone already there; they answer when its offer arrives.
    for (const participant of joined.participants) if (participant.user_id !== selfId) this.addPeer(participant.user_id);
    if (this.selfMute || this.selfDeaf) this.sendState();
    this.poll = setInterval(() => this.measureSpeaking(), SPEAKING_POLL_MS);
    this.changed();
  }

  /** The microphone in use (the device id the browser settled on). */
  get inputDeviceId(): string | undefined {
    return this.track.getSettings().deviceId;
  }

  /** Mute stops sending sound (the track stays, silent); deafen also silences everyone else. */
  setSelfState(selfMute: boolean, selfDeaf: boolean): void {
    this.selfMute = selfMute;
    this.selfDeaf = selfDeaf;
    this.track.enabled = !this.muted;
    for (const peer of this.peers.values()) peer.audio.muted = selfDeaf;
    if (this.muted) this.local.speaking = false;
    this.sendState();
    this.changed();
  }

  /** Switches microphones in every connection at once, without renegotiating. */
  async setInputDevice(deviceId: string): Promise<void> {
    const stream = await openMicrophone(deviceId);
    if (this.stopped) return stopStream(stream);
    const [track] = stream.getAudioTracks();
    track.enabled = !this.muted;
    const previous = this.stream;
    // From here on new connections take the new microphone (and stop() releases it); the live ones
    // switch without renegotiating. One that closed meanwhile does not keep the old one open.
    this.stream = stream;
    this.local.disconnect();
    this.local = new SpeakingDetector(this.context, stream);
    await Promise.allSettled([...this.peers.values()].map((peer) => peer.replaceTrack(track)));
    stopStream(previous);
  }

  async setOutputDevice(deviceId: string): Promise<void> {
    this.outputDeviceId = deviceId;
    await Promise.all([...this.peers.values()].map((peer) => this.routeAudio(peer.audio)));
  }

  /** Leaves the channel and releases the microphone and every connection. */
  leave(): void {
    if (this.stopped) return;
    this.client.socket.emit("voice_leave", { channel_id: this.channelId });
    this.stop();
  }

  private get track(): MediaStreamTrack {
    return this.stream.getAudioTracks()[0];
  }

  private get muted(): boolean {
    return this.selfMute || this.selfDeaf;
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.poll);
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.local.disconnect();
    stopStream(this.stream);
    void this.context.close();
  }

  private sendState(speaking?: boolean): void {
    this.client.socket.emit("voice_state", {
      channel_id: this.channelId,
      self_mute: this.muted,
      self_deaf: this.selfDeaf,
      ...(speaking !== undefined && { speaking }),
    });
  }

  private async routeAudio(audio: HTMLAudioElement): Promise<void> {
    // setSinkId is missing in some browsers (Firefox before 116, Safari): they play on the default output.
    if (!this.outputDeviceId || !("setSinkId" in audio)) return;
    await audio.setSinkId(this.outputDeviceId).catch((error: unknown) => console.warn("[voice] output device:", error));
  }

  private addPeer(userId: number): Peer {
    // Deterministic on both sides: the higher id is polite.
    const peer = new Peer(userId, this.selfId > userId, this.configuration, this.track, this.stream, (signal) => {
      this.client.socket.emit("voice_signal", { channel_id: this.channelId, to_user_id: userId, ...signal });
    });
    peer.audio.muted = this.selfDeaf;
    void this.routeAudio(peer.audio);
    peer.pc.ontrack = ({ streams: [stream] }) => {
      peer.audio.srcObject = stream;
      // Chrome pauses autoplay of an element created outside a user gesture until it is played.
      peer.audio.play().catch(() => undefined);
      peer.detector?.disconnect();
      peer.detector = new SpeakingDetector(this.context, stream);
    };
    peer.pc.addEventListener("connectionstatechange", () => this.changed());
    this.peers.set(userId, peer);
    return peer;
  }

  private closePeer(userId: number): void {
    this.peers.get(userId)?.close();
    this.peers.delete(userId);
  }

  private onSignal(event: VoiceSignalEvent): void {
    if (event.channel_id !== this.channelId) return;
    let peer = this.peers.get(event.from_user_id);
    // An offer from a new connection on their side (they rejoined after losing theirs): ours
    // belongs to the old one, start over with theirs.
    const session = event.description?.type === "offer" ? sessionOf(event.description) : null;
    if (peer && session && peer.remoteSession && session !== peer.remoteSession) {
      this.closePeer(peer.userId);
      peer = undefined;
    }
    if (!peer) {
      peer = this.addPeer(event.from_user_id);
      this.changed();
    }
    void peer.receive(event);
  }

  private onParticipants({ channel_id, version, participants }: VoiceParticipantsEvent): void {
    // A list older than the one acted on (two nodes announced changes at once) would close live calls.
    if (channel_id !== this.channelId || version <= this.version) return;
    this.version = version;
    const present = new Set(participants.map((p) => p.user_id));
    for (const userId of this.peers.keys()) if (!present.has(userId)) this.closePeer(userId);
    this.changed();
  }

  /**
   * The socket is back. Recovered or not, this is a new socket for the server unless recovered:
   * join again (within the grace period the user keeps their place), then call again whoever
   * is there without a working connection, and say mute and deafen again (a join resets them).
   */
  private async rejoin(): Promise<void> {
    this.socketUp = true;
    this.changed();
    let joined: VoiceJoined;
    try {
      joined = await requestJoin(this.client, this.channelId);
    } catch (error) {
      if (error instanceof ApiRequestError && !this.stopped) {
        // No longer allowed in (the channel is gone, a timeout, full meanwhile).
        this.stop();
        this.options.onDisconnected("removed");
      }
      return;
    }
    if (this.stopped) return;
    this.configuration = rtcConfiguration(joined);
    // A newer list may have come meanwhile: it was acted on already.
    if (joined.version >= this.version) {
      this.version = joined.version;
      const present = new Set(joined.participants.map((p) => p.user_id));
      for (const userId of this.peers.keys()) if (!present.has(userId)) this.closePeer(userId);
      for (const userId of present) {
        if (userId === this.selfId) continue;
        const state = this.peers.get(userId)?.pc.connectionState;
        if (state === undefined || state === "failed" || state === "closed") {
          this.closePeer(userId);
          this.addPeer(userId);
        }
      }
    }
    this.sendState();
    this.changed();
  }

  private measureSpeaking(): void {
    const now = performance.now();
    let changed = false;
    if (!this.muted && this.local.update(now)) {
      this.sendState(this.local.speaking);
      changed = true;
    }
    for (const peer of this.peers.values()) if (peer.detector?.update(now)) changed = true;
    if (changed) this.changed();
  }

  private aggregate(): VoiceConnectionState {
    if (!this.socketUp) return "reconnecting";
    const states = [...this.peers.values()].map((peer) => peer.pc.connectionState);
    if (states.length === 0 || states.includes("connected")) return "connected";
    if (states.includes("disconnected")) return "reconnecting";
    if (states.every((state) => state === "failed" || state === "closed")) return "failed";
    return "connecting";
  }

  private changed(): void {
    if (this.stopped) return;
    const speaking = new Set<number>();
    if (this.local.speaking && !this.muted) speaking.add(this.selfId);
    for (const peer of this.peers.values()) if (peer.detector?.speaking) speaking.add(peer.userId);
    this.options.onChange({
      state: this.aggregate(),
      peers: new Map([...this.peers].map(([userId, peer]) => [userId, peer.pc.connectionState])),
      speaking,
    });
  }
}
