"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useRealtime } from "@/components/realtime/realtime-provider";

/** An in-app link the click would follow: same origin, plain left click, no new tab. */
function followedLink(event: MouseEvent): URL | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return null;
  const url = new URL(anchor.href);
  return url.origin === location.origin ? url : null;
}

/**
 * While the connection is down, a page cannot be loaded: following a link would leave the app for
 * the browser's "This site can't be reached". Instead the click is held, the page says so, and
 * the link opens once the connection is back (the last one clicked).
 */
export function OfflineNavigation() {
  const { connection } = useRealtime();
  const router = useRouter();
  const [held, setHeld] = useState<URL | null>(null);
  const offline = connection === "reconnecting";

  useEffect(() => {
    if (!offline) return;
    // Capture on the document runs before React's listeners on the app's root.
    const onClick = (event: MouseEvent) => {
      const url = followedLink(event);
      if (!url || url.pathname === location.pathname) return;
      event.preventDefault();
      event.stopPropagation();
      setHeld(url);
    };
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, [offline]);

  useEffect(() => {
    if (offline || !held) return;
    setHeld(null);
    router.push(`${held.pathname}${held.search}${held.hash}`);
  }, [offline, held, router]);

  if (!held) return null;
  return (
    <div role="status" className="shrink-0 bg-rail px-4 py-1.5 text-center text-sm text-strong">
      Can&apos;t open that page while offline. It opens as soon as the connection is back.{" "}
      <button type="button" className="font-semibold underline" onClick={() => setHeld(null)}>
        Stay here
      </button>
    </div>
  );
}
