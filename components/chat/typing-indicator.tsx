"use client";

/** "alice is typing…", "alice and bob are typing…", "several people are typing…". */
export function typingText(names: string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return "Several people are typing…";
}

export function TypingIndicator({ names }: { names: string[] }) {
  return (
    <div aria-live="polite" className="h-5 truncate px-4 -mt-5 mb-0.5 text-xs text-muted" data-testid="typing-indicator">
      {names.length > 0 && (
        <>
          <span aria-hidden className="mr-1 inline-flex gap-0.5 align-middle">
            <span className="size-1 animate-bounce rounded-full bg-muted" />
            <span className="size-1 animate-bounce rounded-full bg-muted [animation-delay:150ms]" />
            <span className="size-1 animate-bounce rounded-full bg-muted [animation-delay:300ms]" />
          </span>
          <strong className="font-semibold text-normal">{typingText(names)}</strong>
        </>
      )}
    </div>
  );
}
