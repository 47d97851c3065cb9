"use client";

import { useEffect, useRef, useState } from "react";
import { SmilePlusIcon } from "@/components/ui/icons";
import type { Reaction } from "@/lib/api/entities";
import type { ChatMessage } from "../types";
import type { ReactionActions } from "./use-reactions";

/** How many names the tooltip lists before "and N others". */
const NAMES_SHOWN = 6;
const HOVER_DELAY_MS = 300;
const LONG_PRESS_MS = 500;
/** Half the tooltip's widest (max-w-64), to keep it on the screen. */
const TOOLTIP_HALF_WIDTH_PX = 128;
/** Less room than this above the chip, and the tooltip goes below it. */
const TOOLTIP_ROOM_PX = 120;

function reactedBy(names: string[], count: number): string {
  const others = count - names.length;
  if (others > 0) return `${names.join(", ")} and ${others} ${others === 1 ? "other" : "others"}`;
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : names.join("");
}

/**
 * Who reacted with a chip's emoji, fetched when it is hovered, focused or long-pressed (phones),
 * and again once its count changes.
 */
function useWhoReacted(message: ChatMessage, reaction: Reaction, actions: ReactionActions) {
  const [open, setOpen] = useState(false);
  const [names, setNames] = useState<{ count: number; text: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!open || names?.count === reaction.count) return;
    let current = true;
    actions.whoReacted(message, reaction.emoji, NAMES_SHOWN).then(
      (list) => current && setNames({ count: reaction.count, text: reactedBy(list, reaction.count) }),
      () => current && setNames({ count: reaction.count, text: `${reaction.count} ${reaction.count === 1 ? "person" : "people"}` }),
    );
    return () => {
      current = false;
    };
  }, [open, names?.count, reaction.count, reaction.emoji, message, actions]);

  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);

  const later = (then: () => void, ms: number) => {
    clearTimeout(timer.current ?? undefined);
    timer.current = setTimeout(then, ms);
  };
  const hide = () => {
    clearTimeout(timer.current ?? undefined);
    setOpen(false);
  };
  return { open, text: names?.text ?? null, later, show: () => setOpen(true), hide };
}

function ReactionChip({ message, reaction, actions }: { message: ChatMessage; reaction: Reaction; actions: ReactionActions }) {
  const who = useWhoReacted(message, reaction, actions);
  const chip = useRef<HTMLButtonElement>(null);
  const pressed = useRef(false);
  const touching = useRef(false);
  const [place, setPlace] = useState<React.CSSProperties>({});
  const tooltipId = `reaction-${message.key}-${reaction.emoji}`;

  // Fixed, from the chip's place on the screen: the message list's scrolling box would clip it.
  const show = () => {
    const rect = chip.current?.getBoundingClientRect();
    if (!rect) return;
    const left = Math.min(Math.max(rect.left + rect.width / 2, TOOLTIP_HALF_WIDTH_PX + 8), window.innerWidth - TOOLTIP_HALF_WIDTH_PX - 8);
    const above = rect.top > TOOLTIP_ROOM_PX;
    setPlace(above ? { left, top: rect.top - 8, transform: "translate(-50%, -100%)" } : { left, top: rect.bottom + 8, transform: "translateX(-50%)" });
    who.show();
  };

  return (
    <>
      <button
        ref={chip}
        type="button"
        aria-pressed={reaction.me}
        aria-label={`${reaction.emoji} ${reaction.count} ${reaction.count === 1 ? "reaction" : "reactions"}${reaction.me ? ", including yours" : ""}`}
        aria-describedby={who.open ? tooltipId : undefined}
        onClick={() => {
          // A long press showed who reacted: it does not also toggle.
          if (pressed.current) pressed.current = false;
          else actions.toggle(message, reaction.emoji);
        }}
        onPointerEnter={(event) => event.pointerType === "mouse" && who.later(show, HOVER_DELAY_MS)}
        onPointerLeave={(event) => event.pointerType === "mouse" && who.hide()}
        onPointerDown={(event) => {
          pressed.current = false;
          touching.current = event.pointerType !== "mouse";
          if (touching.current)
            who.later(() => {
              pressed.current = true;
              show();
            }, LONG_PRESS_MS);
        }}
        onPointerUp={() => touching.current && !pressed.current && who.hide()}
        // A long press on a phone shows who reacted, not the browser's menu.
        onContextMenu={(event) => touching.current && event.preventDefault()}
        onFocus={(event) => event.currentTarget.matches(":focus-visible") && show()}
        onBlur={who.hide}
        onKeyDown={(event) => event.key === "Escape" && who.hide()}
        className={`flex h-6 items-center gap-1.5 rounded-lg border px-1.5 text-sm select-none ${
          reaction.me
            ? "border-aura-500 bg-aura-500/15 text-aura-700 dark:bg-aura-500/25 dark:text-aura-300"
            : "border-transparent bg-black/5 text-muted hover:border-subtle dark:bg-white/5 dark:hover:border-white/15"
        }`}
      >
        <span aria-hidden className="text-base leading-none">
          {reaction.emoji}
        </span>
        <span aria-hidden className="min-w-[1ch] text-xs font-semibold tabular-nums">
          {reaction.count}
        </span>
      </button>
      {who.open && (
        <span id={tooltipId} role="tooltip" style={place} className="fixed z-30 flex w-max max-w-64 items-center gap-2 rounded-md bg-rail px-3 py-2 text-sm text-strong shadow-xl">
          <span aria-hidden className="text-3xl leading-none">
            {reaction.emoji}
          </span>
          <span>{who.text ? `${who.text} reacted with ${reaction.emoji}` : "Loading…"}</span>
        </span>
      )}
    </>
  );
}

/** The chips under a message, `😀 3`, the viewer's own highlighted, then a "+" to add another. */
export function ReactionBar({ message, actions }: { message: ChatMessage; actions: ReactionActions | null | undefined }) {
  if (!actions || message.reactions.length === 0 || message.state !== "sent") return null;
  return (
    <div role="group" aria-label="Reactions" className="mt-1 flex flex-wrap items-center gap-1">
      {message.reactions.map((reaction) => (
        <ReactionChip key={reaction.emoji} message={message} reaction={reaction} actions={actions} />
      ))}
      <button
        type="button"
        aria-label="Add another reaction"
        title="Add reaction"
        onClick={(event) => actions.pick(message, event.currentTarget)}
        className="flex h-6 items-center rounded-lg bg-black/5 px-1.5 text-muted opacity-0 group-hover:opacity-100 hover:text-strong focus-visible:opacity-100 pointer-coarse:opacity-100 dark:bg-white/5"
      >
        <SmilePlusIcon className="size-4" />
      </button>
    </div>
  );
}
