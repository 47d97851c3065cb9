"use client";

import { lazy, Suspense, useState, type ComponentType } from "react";

/**
 * A component whose code loads the first time it renders (React.lazy, for a named export). The
 * page's bundle leaves it out: for dialogs and screens most visits never open.
 */
export function onDemand<Props extends object>(load: () => Promise<ComponentType<Props>>): ComponentType<Props> {
  return lazy(() => load().then((component) => ({ default: component })));
}

/**
 * Renders its children from the first time `open` is true on; until their code has loaded, nothing
 * (a dialog appears when it is ready). They stay mounted afterwards so that closing still goes
 * through the native <dialog>'s close(), which gives focus back where it was.
 */
export function OnceOpened({ open, children }: { open: boolean; children: React.ReactNode }) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened ? <Suspense fallback={null}>{children}</Suspense> : null;
}
