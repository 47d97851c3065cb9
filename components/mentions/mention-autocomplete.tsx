"use client";

import { useId, useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { decodeMentions, encodeMentions, EVERYONE_WORDS, mentionQueryAt, type Mentionable } from "./mention-codec";
import { useMentionScope } from "./mention-context";

const MAX_OPTIONS = 8;

type Option = { kind: "person"; person: Mentionable } | { kind: "everyone"; word: (typeof EVERYONE_WORDS)[number] };

function optionsFor(query: string, people: readonly Mentionable[], everyone: boolean): Option[] {
  const q = query.toLowerCase();
  const rank = (p: Mentionable) => {
    const names = [p.username.toLowerCase(), ...p.displayName.toLowerCase().split(/\s+/)];
    if (names.some((n) => n.startsWith(q))) return 0;
    return p.displayName.toLowerCase().includes(q) || p.username.toLowerCase().includes(q) ? 1 : -1;
  };
  const members = people
    .map((person) => ({ person, rank: rank(person) }))
    .filter((p) => p.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.person.displayName.localeCompare(b.person.displayName))
    .slice(0, MAX_OPTIONS)
    .map(({ person }): Option => ({ kind: "person", person }));
  const words = everyone ? EVERYONE_WORDS.filter((w) => w.startsWith(q)).map((word): Option => ({ kind: "everyone", word })) : [];
  return [...members, ...words].slice(0, MAX_OPTIONS);
}

const inserted = (option: Option) => (option.kind === "person" ? option.person.username : option.word);

/**
 * Discord's `@` suggestions for a textarea: typing `@` and letters lists the community's members
 * (and `@everyone` / `@here` for owners and admins); ↑/↓ move, Enter or Tab picks, Escape closes,
 * and the mouse picks too. The text keeps `@username`, and `encode` turns it into tokens on send.
 * Inert outside a community.
 */
export function useMentionAutocomplete(input: React.RefObject<HTMLTextAreaElement | null>, text: string, setText: (text: string) => void) {
  const scope = useMentionScope();
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);

  const match = scope ? mentionQueryAt(text, caret) : null;
  const options = match && scope ? optionsFor(match.query, scope.people, scope.canMentionEveryone) : [];
  const matchKey = match ? `${match.start}:${match.query}` : null;
  const open = options.length > 0 && dismissed !== matchKey;
  const current = Math.min(active, options.length - 1);

  const pick = (option: Option) => {
    if (!match) return;
    const before = `${text.slice(0, match.start)}@${inserted(option)} `;
    setText(before + text.slice(caret));
    setActive(0);
    // After React has put the new text in: the caret goes after the inserted name.
    requestAnimationFrame(() => {
      input.current?.focus();
      input.current?.setSelectionRange(before.length, before.length);
      setCaret(before.length);
    });
  };

  /** True when the key was the popup's: the textarea's own handling must not run. */
  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step) setActive((current + step + options.length) % options.length);
    else if (event.key === "Enter" || event.key === "Tab") pick(options[current]);
    else if (event.key === "Escape") setDismissed(matchKey);
    else return false;
    event.preventDefault();
    return true;
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const inputProps = {
    "aria-autocomplete": "list" as const,
    "aria-controls": open ? listId : undefined,
    "aria-activedescendant": open ? optionId(current) : undefined,
    onSelect: (event: React.SyntheticEvent<HTMLTextAreaElement>) => setCaret(event.currentTarget.selectionStart),
  };

  const popup = open ? (
    <div className="absolute inset-x-4 bottom-full z-20 mb-2 overflow-hidden rounded-lg border border-subtle bg-sidebar shadow-xl">
      <p className="px-3 pt-2 pb-1 text-xs font-bold tracking-wide text-muted uppercase" aria-hidden>
        Members{match?.query ? ` matching @${match.query}` : ""}
      </p>
      <ul id={listId} role="listbox" aria-label="Mention suggestions" className="max-h-72 overflow-y-auto p-1.5">
        {options.map((option, i) => (
          <li
            key={option.kind === "person" ? option.person.id : option.word}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            onMouseEnter={() => setActive(i)}
            // Keeps the focus (and the caret) in the textarea.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(option)}
            className={`flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 ${i === current ? "bg-raised text-strong" : "text-normal"}`}
          >
            {option.kind === "person" ? (
              <>
                <Avatar name={option.person.displayName} url={option.person.avatarUrl} size={24} />
                <span className="truncate font-medium">{option.person.displayName}</span>
                <span className="truncate text-sm text-muted">{option.person.username}</span>
              </>
            ) : (
              <>
                <span aria-hidden className="grid size-6 place-items-center rounded-full bg-aura-600 text-xs font-bold text-white">@</span>
                <span className="font-medium">@{option.word}</span>
                <span className="truncate text-sm text-muted">{option.word === "everyone" ? "Notify everyone who can read this channel" : "Notify everyone here"}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  ) : null;

  const { encode } = useMentionCodec();
  return { inputProps, onKeyDown, popup, encode };
}

/** Mention tokens as `@username` for an edit box, and back on save. */
export function useMentionCodec() {
  const people = useMentionScope()?.people;
  return {
    decode: (content: string) => (people ? decodeMentions(content, people) : content),
    encode: (text: string) => (people ? encodeMentions(text, people) : text),
  };
}
