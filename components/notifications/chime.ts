// A short two-note chime made with Web Audio: no sound file to download. Browsers start audio
// only after the user has interacted with the page, so the context is made (or resumed) on the
// first interaction, and the chime plays only once that has happened.

let context: AudioContext | null = null;

/** Call from a user gesture (a click, a key). */
export function unlockAudio(): void {
  if (typeof AudioContext === "undefined") return;
  context ??= new AudioContext();
  if (context.state === "suspended") void context.resume();
}

export function chime(): void {
  if (!context || context.state !== "running") return;
  const start = context.currentTime;
  [880, 1318.5].forEach((frequency, i) => {
    const at = start + i * 0.11;
    const tone = context!.createOscillator();
    const volume = context!.createGain();
    tone.type = "sine";
    tone.frequency.value = frequency;
    volume.gain.setValueAtTime(0.0001, at);
    volume.gain.exponentialRampToValueAtTime(0.12, at + 0.015);
    volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.28);
    tone.connect(volume).connect(context!.destination);
    tone.start(at);
    tone.stop(at + 0.3);
  });
}
