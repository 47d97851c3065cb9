"use client";

import { useCallback, useMemo, useState } from "react";
import { useCatchUp, useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { CloseIcon, PinIcon } from "@/components/ui/icons";
import { useToast } from "@/components/ui/toast";
import { endpoints } from "@/lib/api/endpoints";
import { callApi } from "@/lib/api-client";
import { channelSource } from "../channel-source";
import { fromMessage, withAuthor, type ChatMessage, type Person } from "../types";
import { MessagePreview } from "./message-preview";
import { PinMessageDialog } from "./pin-message-dialog";

interface PinsPanelProps {
  channelId: number;
  /** May unpin (owners and admins). */
  canPin: boolean;
  people?: Map<number, Person>;
  onJump: (messageId: number) => void;
}

function PinnedMessage({ message, canPin, onJump, onUnpin }: { message: ChatMessage; canPin: boolean; onJump: () => void; onUnpin: () => void }) {
  return (
    <li className="group relative rounded-md border border-subtle bg-main p-3 text-sm">
      <MessagePreview message={message} />
      <div className="absolute top-2 right-2 flex gap-1 opacity-0 group-hover:opacity-100 focus-within:opacity-100 pointer-coarse:opacity-100">
        <button
          type="button"
          onClick={onJump}
          aria-label={`Jump to the message from ${message.authorName}`}
          className="rounded bg-raised px-2 py-0.5 text-xs font-semibold text-strong shadow hover:bg-aura-600 hover:text-white"
        >
          Jump
        </button>
        {canPin && (
          <button type="button" onClick={onUnpin} aria-label={`Unpin the message from ${message.authorName}`} title="Unpin" className="rounded bg-raised p-1 text-muted shadow hover:text-strong">
            <CloseIcon className="size-3.5" />
          </button>
        )}
      </div>
    </li>
  );
}

/** The channel's pinned messages, newest pin first, as they are pinned and unpinned live. */
export function PinsPanel({ channelId, canPin, people, onJump }: PinsPanelProps) {
  const toast = useToast();
  const [pins, setPins] = useState<ChatMessage[] | null>(null);
  const [unpinning, setUnpinning] = useState<ChatMessage | null>(null);
  const source = useMemo(() => channelSource(channelId).pins!, [channelId]);
  const mine = (event: { channel_id: number }) => event.channel_id === channelId;

  const load = useCallback(async () => (await callApi(endpoints.listPins, { params: { id: String(channelId) } })).map(fromMessage), [channelId]);
  // Loads as the panel opens (on a connected socket), and again after a reconnect.
  const changed = useCatchUp(load, setPins);
  const reload = () => {
    changed();
    load().then(setPins, () => toast.error("Could not load the pinned messages"));
  };

  const drop = (id: number) => setPins((list) => list && list.filter((m) => m.id !== id));
  useRealtimeEvent("message_pinned", (event) => mine(event) && reload());
  useRealtimeEvent("message_unpinned", (event) => mine(event) && drop(event.message_id));
  useRealtimeEvent("message_deleted", (event) => mine(event) && drop(event.id));
  useRealtimeEvent("message_edited", (message) => {
    if (mine(message)) setPins((list) => list && list.map((m) => (m.id === message.id ? { ...fromMessage(message), pinned: true } : m)));
  });

  const unpin = async () => {
    const message = unpinning;
    setUnpinning(null);
    if (!message) return;
    try {
      await source.unpin(message.id!);
      drop(message.id!);
    } catch (error) {
      toast.error(error instanceof Error ? error.message : "Could not unpin the message");
    }
  };

  const shown = pins?.map((m) => withAuthor(m, people?.get(m.authorId)));

  return (
    <div className="flex max-h-[min(36rem,75dvh)] w-full flex-col sm:w-[26rem]">
      <h2 className="flex items-center gap-2 bg-rail px-4 py-3 font-semibold text-strong">
        <PinIcon className="size-5 text-muted" />
        Pinned messages
      </h2>
      <div className="min-h-0 flex-1 overflow-y-auto p-3">
        {shown === undefined ? (
          <p role="status" className="py-6 text-center text-sm text-muted">
            Loading pins…
          </p>
        ) : shown.length === 0 ? (
          <div className="px-4 py-8 text-center">
            <PinIcon className="mx-auto size-10 text-muted" />
            <p className="mt-3 text-sm text-normal">This channel doesn&apos;t have any pinned messages… yet.</p>
            {canPin && <p className="mt-1 text-xs text-muted">Pin a message from its toolbar to keep it here.</p>}
          </div>
        ) : (
          <ol aria-label="Pinned messages" className="flex flex-col gap-2">
            {shown.map((message) => (
              <PinnedMessage key={message.key} message={message} canPin={canPin} onJump={() => onJump(message.id!)} onUnpin={() => setUnpinning(message)} />
            ))}
          </ol>
        )}
      </div>
      <PinMessageDialog message={unpinning} onCancel={() => setUnpinning(null)} onConfirm={() => void unpin()} />
    </div>
  );
}
