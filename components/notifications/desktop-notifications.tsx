"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useAppState } from "@/components/app/app-state";
import { isMuted, useUnread } from "@/components/app/unread-state";
import { plainText } from "@/components/chat/markdown";
import { useBlockedUsers } from "@/components/friends/blocked-users";
import { type Mentionable, namedMentions } from "@/components/mentions/mention-codec";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { requestJump } from "@/components/search/jump-request";
import { endpoints } from "@/lib/api/endpoints";
import { writtenSoFar } from "@/lib/ai-writing";
import type { DirectMessage, Message, NotificationSetting } from "@/lib/api/entities";
import { callApi } from "@/lib/api-client";
import { chime, unlockAudio } from "./chime";

const DISMISSED_KEY = "auraflow:desktop-notifications-dismissed";
const BODY_LENGTH = 180;

/**
 * Which channel messages notify (Discord's defaults for a large server): mentions of the viewer and
 * `@everyone`; every message only where the viewer chose "All messages" themselves; nothing while
 * muted or at "Nothing".
 */
function notifies(setting: NotificationSetting | undefined, mentioned: boolean): boolean {
  if (!setting || isMuted(setting) || setting.level === "none") return false;
  return mentioned || (setting.level === "all" && setting.source !== "default");
}

function supported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

function preview(content: string, attachments: number, me: Mentionable): string {
  const text = plainText(namedMentions(content, new Map([[me.id, me]]), "someone"));
  if (!text) return attachments ? "Sent a file" : "";
  return text.length > BODY_LENGTH ? `${text.slice(0, BODY_LENGTH - 1)}…` : text;
}

/**
 * While the tab is in the background, a message that mentions the viewer (or any, where they
 * chose "All messages") and every DM shows a desktop notification with a short chime; clicking it
 * brings the tab back at that message. Permission is asked once, politely: the first time such a
 * message arrives with the tab in view, a bar offers to enable them, and "Not now" is remembered.
 */
export function DesktopNotifications() {
  const router = useRouter();
  const { me, communities } = useAppState();
  const { channelSetting, channelCommunity } = useUnread();
  const blocked = useBlockedUsers();
  const [asking, setAsking] = useState(false);
  // An AI reply arrives as "…" and is written by edits: it notifies once, with its finished text.
  const unfinished = useRef(new Map<string, (content: string) => void>());

  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener("pointerdown", unlock, { once: true });
    window.addEventListener("keydown", unlock, { once: true });
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, []);

  // Notifications name only the viewer among the mentioned: the page knows no one else everywhere.
  const viewer: Mentionable = { id: me.id, username: me.username, displayName: me.display_name, avatarUrl: me.avatar_url };

  function announce(title: string, body: string, tag: string, url: string, conversation: string, messageId: number) {
    if (document.visibilityState === "visible") {
      if (supported() && Notification.permission === "default" && !localStorage.getItem(DISMISSED_KEY)) setAsking(true);
      return;
    }
    chime();
    if (!supported() || Notification.permission !== "granted") return;
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      requestJump(conversation, messageId);
      router.push(url);
      notification.close();
    };
  }

  /** Runs `notify` with the message's text now, or with its final text once an AI reply is written. */
  function whenWritten(key: string, message: Message | DirectMessage, notify: (content: string) => void) {
    if (message.message_type === "ai" && writtenSoFar(message.content).writing) unfinished.current.set(key, notify);
    else notify(message.content);
  }

  function written(key: string, message: Message | DirectMessage) {
    const notify = unfinished.current.get(key);
    if (!notify || writtenSoFar(message.content).writing) return;
    unfinished.current.delete(key);
    notify(message.content);
  }

  useRealtimeEvent("message_sent", (message: Message) => {
    if (message.sender_id === me.id || blocked.has(message.sender_id) || message.message_type === "system") return;
    const mentioned = message.mention_everyone || message.mentions.includes(me.id);
    if (!notifies(channelSetting(message.channel_id), mentioned)) return;
    const communityId = channelCommunity(message.channel_id);
    const community = communities.find((c) => c.id === communityId);
    whenWritten(`message-${message.id}`, message, (content) =>
      announce(
        community ? `${message.author} in ${community.name}` : message.author,
        preview(content, message.attachments.length, viewer),
        `message-${message.id}`,
        `/channels/${communityId}/${message.channel_id}`,
        `channel:${message.channel_id}`,
        message.id,
      ),
    );
  });
  useRealtimeEvent("message_edited", (message: Message) => written(`message-${message.id}`, message));

  useRealtimeEvent("direct_message_sent", (message: DirectMessage) => {
    if (message.sender_id === me.id || blocked.has(message.sender_id)) return;
    whenWritten(`dm-${message.id}`, message, (content) => {
      const notify = (title: string) =>
        announce(title, preview(content, message.attachments.length, viewer), `dm-${message.id}`, `/channels/me/${message.sender_id}`, `dm:${message.sender_id}`, message.id);
      if (document.visibilityState === "visible") return notify("");
      callApi(endpoints.getUser, { params: { id: message.sender_id } }).then(
        (sender) => notify(sender.display_name),
        () => notify("New direct message"),
      );
    });
  });
  useRealtimeEvent("direct_message_edited", (message: DirectMessage) => written(`dm-${message.id}`, message));

  if (!asking) return null;
  return (
    <div role="region" aria-label="Desktop notifications" className="flex shrink-0 flex-wrap items-center justify-center gap-x-4 gap-y-1 bg-aura-600 px-4 py-1.5 text-sm text-white">
      <span>Enable desktop notifications to hear about mentions and direct messages while Auraflow is in the background?</span>
      <span className="flex gap-2">
        <button
          type="button"
          onClick={() => {
            setAsking(false);
            void Notification.requestPermission();
          }}
          className="rounded bg-white px-2.5 py-0.5 font-semibold text-aura-700 hover:bg-white/90"
        >
          Enable
        </button>
        <button
          type="button"
          onClick={() => {
            setAsking(false);
            localStorage.setItem(DISMISSED_KEY, "1");
          }}
          className="rounded px-2.5 py-0.5 font-semibold text-white underline-offset-2 hover:underline"
        >
          Not now
        </button>
      </span>
    </div>
  );
}
