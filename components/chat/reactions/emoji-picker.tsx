"use client";

import { EmojiPicker, type EmojiPickerListCategoryHeaderProps, type EmojiPickerListEmojiProps, type EmojiPickerListRowProps } from "frimousse";
import { useLayoutEffect, useRef, useState } from "react";

// The picker's data comes from our own server (app/emojibase), never a CDN.
const EMOJIBASE_URL = "/emojibase";
const SKIN_TONE_KEY = "auraflow:skin-tone";
type SkinTone = "none" | "light" | "medium-light" | "medium" | "medium-dark" | "dark";

/** emojibase's groups as frimousse labels them, with the emoji Discord's category bar shows for each. */
const CATEGORIES = [
  ["Smileys & emotion", "😀"],
  ["People & body", "👋"],
  ["Animals & nature", "🐻"],
  ["Food & drink", "🍔"],
  ["Travel & places", "🚗"],
  ["Activities", "⚽"],
  ["Objects", "💡"],
  ["Symbols", "🔣"],
  ["Flags", "🏁"],
] as const;

function storedSkinTone(): SkinTone {
  try {
    return (localStorage.getItem(SKIN_TONE_KEY) as SkinTone | null) ?? "none";
  } catch {
    return "none";
  }
}

function CategoryHeader({ category, ...props }: EmojiPickerListCategoryHeaderProps) {
  return (
    <div {...props} className="bg-sidebar px-2 pt-2 pb-1 text-xs font-semibold text-muted uppercase">
      {category.label}
    </div>
  );
}

// frimousse counts grid rows and columns from 0, where ARIA counts from 1 (axe: aria-valid-attr-value).
// Its own keyboard scrolling looks rows up by that index, so the active emoji also scrolls itself
// into view.

function Row({ children, ...props }: EmojiPickerListRowProps) {
  const index = props["aria-rowindex"];
  return (
    <div {...props} aria-rowindex={index === undefined ? undefined : index + 1} className="px-1.5">
      {children}
    </div>
  );
}

function Emoji({ emoji, ...props }: EmojiPickerListEmojiProps) {
  const button = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (emoji.isActive) button.current?.scrollIntoView({ block: "nearest" });
  }, [emoji.isActive]);
  const column = props["aria-colindex"];
  return (
    <button
      ref={button}
      {...props}
      aria-colindex={column === undefined ? undefined : column + 1}
      className="flex size-9 scroll-mt-8 scroll-mb-1 items-center justify-center rounded-md text-2xl data-[active]:bg-raised dark:data-[active]:bg-white/10"
    >
      {emoji.emoji}
    </button>
  );
}

/** The skin tone of emoji that have them, as Discord picks it: a hand to click, then the six tones. */
function SkinTonePicker() {
  const [open, setOpen] = useState(false);
  return (
    <EmojiPicker.SkinTone emoji="👋">
      {({ skinTone, setSkinTone, skinToneVariations }) => {
        const current = skinToneVariations.find((v) => v.skinTone === skinTone) ?? skinToneVariations[0];
        const choose = (tone: SkinTone) => {
          setSkinTone(tone);
          setOpen(false);
          try {
            localStorage.setItem(SKIN_TONE_KEY, tone);
          } catch {
            // Private windows may refuse storage: the tone then lasts as long as the picker.
          }
        };
        return open ? (
          <div role="group" aria-label="Skin tone" className="flex rounded-md bg-rail">
            {skinToneVariations.map(({ skinTone: tone, emoji }) => (
              <button
                key={tone}
                type="button"
                aria-label={tone === "none" ? "Default skin tone" : `${tone.replace("-", " ")} skin tone`}
                aria-pressed={tone === skinTone}
                onClick={() => choose(tone)}
                className="flex size-9 items-center justify-center rounded-md text-xl hover:bg-raised aria-pressed:bg-raised"
              >
                {emoji}
              </button>
            ))}
          </div>
        ) : (
          <button type="button" aria-label="Choose a skin tone" title="Skin tone" onClick={() => setOpen(true)} className="flex size-9 shrink-0 items-center justify-center rounded-md text-xl hover:bg-raised">
            {current.emoji}
          </button>
        );
      }}
    </EmojiPicker.SkinTone>
  );
}

/**
 * A searchable emoji picker (frimousse) styled like Discord's: a search box, the skin tone, a bar
 * of categories, the grid (arrow keys move in it from the search box, Enter picks) and the emoji
 * under the pointer or cursor named at the bottom. `notice` says why a pick may not go through.
 */
export function EmojiPickerPanel({ onSelect, notice }: { onSelect: (emoji: string) => void; notice?: string | null }) {
  const viewport = useRef<HTMLDivElement>(null);
  const [search, setSearch] = useState("");
  const [skinTone] = useState(storedSkinTone);

  const jumpTo = (label: string) => {
    const element = viewport.current;
    const category = [...(element?.querySelectorAll("[frimousse-category]") ?? [])].find((c) => c.textContent?.startsWith(label));
    if (element && category) element.scrollTo({ top: category.getBoundingClientRect().top - element.getBoundingClientRect().top + element.scrollTop });
  };

  return (
    <EmojiPicker.Root
      emojibaseUrl={EMOJIBASE_URL}
      skinTone={skinTone}
      columns={9}
      onEmojiSelect={({ emoji }) => onSelect(emoji)}
      className="isolate flex h-[min(26rem,70dvh)] w-full flex-col bg-sidebar text-normal sm:w-[22rem]"
    >
      <div className="flex items-center gap-2 p-2 shadow-sm">
        <EmojiPicker.Search
          autoFocus
          aria-label="Search emoji"
          placeholder="Find the perfect emoji"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="min-w-0 flex-1 rounded-md bg-rail px-2.5 py-1.5 text-sm text-strong placeholder:text-muted outline-none focus:ring-2 focus:ring-aura-500"
        />
        <SkinTonePicker />
      </div>
      {notice && (
        <p role="alert" className="mx-2 mb-1 rounded-md bg-amber-500/15 px-2 py-1.5 text-xs text-amber-800 dark:text-amber-200">
          {notice}
        </p>
      )}
      {!search && (
        <nav aria-label="Emoji categories" className="flex justify-between border-b border-subtle px-1.5 pb-1">
          {CATEGORIES.map(([label, emoji]) => (
            <button key={label} type="button" aria-label={label} title={label} onClick={() => jumpTo(label)} className="flex size-8 items-center justify-center rounded-md text-lg grayscale hover:bg-raised hover:grayscale-0 focus-visible:grayscale-0">
              {emoji}
            </button>
          ))}
        </nav>
      )}
      <EmojiPicker.Viewport ref={viewport} tabIndex={0} aria-label="Emoji" className="relative flex-1 outline-none focus-visible:ring-2 focus-visible:ring-aura-500 focus-visible:ring-inset">
        <EmojiPicker.Loading className="absolute inset-0 flex items-center justify-center text-sm text-muted">Loading emoji…</EmojiPicker.Loading>
        <EmojiPicker.Empty className="absolute inset-0 flex items-center justify-center text-sm text-muted">No emoji match “{search}”</EmojiPicker.Empty>
        <EmojiPicker.List className="pb-1.5 select-none" components={{ CategoryHeader, Row, Emoji }} />
      </EmojiPicker.Viewport>
      <div className="flex h-12 shrink-0 items-center gap-2 bg-rail/60 px-3" aria-hidden>
        <EmojiPicker.ActiveEmoji>
          {({ emoji }) =>
            emoji ? (
              <>
                <span className="text-2xl">{emoji.emoji}</span>
                <span className="truncate text-sm font-semibold text-strong">:{emoji.label.toLowerCase().replaceAll(" ", "_")}:</span>
              </>
            ) : (
              <span className="text-sm text-muted">Pick an emoji…</span>
            )
          }
        </EmojiPicker.ActiveEmoji>
      </div>
    </EmojiPicker.Root>
  );
}
