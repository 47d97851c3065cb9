"use client";

import { useCallback, useEffect, useState } from "react";
import { useToast } from "@/components/ui/toast";

/** A list a settings panel shows: loaded once per `key` (the community), then edited locally as actions succeed. */
export function useList<T>(load: () => Promise<T[]>, key: number) {
  const toast = useToast();
  const [items, setItems] = useState<T[] | null>(null);
  useEffect(() => {
    load().then(setItems, (error) => toast.error(error instanceof Error ? error.message : "Could not load the list"));
    // `load` is a new closure each render; `key` says when it would load something else.
  }, [key, toast]);
  const remove = useCallback((keep: (item: T) => boolean) => setItems((list) => list && list.filter(keep)), []);
  return { items, setItems, remove };
}
