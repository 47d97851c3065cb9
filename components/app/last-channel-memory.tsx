"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { LAST_CHANNEL_COOKIE, withLastChannel } from "@/lib/last-channel";

function readCookie(name: string): string | undefined {
  return document.cookie.split("; ").find((c) => c.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** Remembers the channel open in each community (lib/last-channel.ts); renders nothing. */
export function LastChannelMemory() {
  const pathname = usePathname();
  useEffect(() => {
    const match = /^\/channels\/(\d+)\/(\d+)$/.exec(pathname);
    if (!match) return;
    const value = withLastChannel(readCookie(LAST_CHANNEL_COOKIE), Number(match[1]), Number(match[2]));
    document.cookie = `${LAST_CHANNEL_COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
  }, [pathname]);
  return null;
}
