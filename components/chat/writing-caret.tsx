/**
 * The end of an AI reply that is still being written: "writing…" until its first words, then a
 * caret after them. It blinks unless the reader asked for less motion; screen readers hear that
 * the reply is not finished (its row is aria-busy meanwhile).
 */
export function WritingCaret({ started }: { started: boolean }) {
  return (
    <>
      {started ? <span className="sr-only"> (still writing)</span> : <span className="text-muted italic">writing…</span>}
      <span aria-hidden data-testid="writing-caret" className="ml-0.5 inline-block h-[1.1em] w-[0.45em] translate-y-[0.2em] rounded-[1px] bg-aura-600 motion-safe:animate-caret dark:bg-aura-400" />
    </>
  );
}
